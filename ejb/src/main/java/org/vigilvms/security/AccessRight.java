package org.vigilvms.security;

/**
 * What a user may do, granted per camera, camera group (site) or for all cameras (X.1453 AC-1).
 * {@link #LISTEN} is the camera's sound, live and recorded, apart from watching: without it a
 * viewer gets the pictures only.
 */
public enum AccessRight {
    VIEW_LIVE, PLAYBACK, LISTEN, PTZ, EXPORT, EVIDENCE_LOCK, MANAGE_CAMERAS, MANAGE_USERS, READ_AUDIT
}
