package org.vigilvms.camera;

/** The state of the connection to a camera, as the recorder last saw it. */
public enum CameraStatus {
    NEW, ONLINE, OFFLINE, UNAUTHORIZED,
    /** RTSPS camera whose certificate no administrator has approved yet: not recorded. */
    CERTIFICATE_UNAPPROVED,
    /** RTSPS camera presenting another certificate than the approved one: not recorded, alert raised. */
    CERTIFICATE_MISMATCH,
    DISABLED
}
