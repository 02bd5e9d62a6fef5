package org.vigilvms.security;

/** What a user may do, granted per camera, camera group (site) or for all cameras (X.1453 AC-1). */
public enum AccessRight {
    VIEW_LIVE, PLAYBACK, PTZ, EXPORT, EVIDENCE_LOCK, MANAGE_CAMERAS, MANAGE_USERS, READ_AUDIT
}
