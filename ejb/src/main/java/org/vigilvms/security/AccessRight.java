package org.vigilvms.security;

/**
 * What a user may do, granted per camera, camera group (site) or for all cameras (X.1453 AC-1).
 * {@link #LISTEN} is the camera's sound, live and recorded, apart from watching: without it a
 * viewer gets the pictures only. {@link #VIEW_UNMASKED} lets a viewer see through the camera's
 * privacy masks; without it they are burned into every picture the server gives out.
 */
public enum AccessRight {
    VIEW_LIVE, PLAYBACK, LISTEN, VIEW_UNMASKED, PTZ, EXPORT, EVIDENCE_LOCK, MANAGE_CAMERAS, MANAGE_USERS, READ_AUDIT
}
