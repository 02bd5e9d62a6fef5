package org.vigilvms.camera;

/** The state of the connection to a camera, as the recorder last saw it. */
public enum CameraStatus {
    NEW, ONLINE, OFFLINE, UNAUTHORIZED,
    /** RTSPS camera whose certificate no administrator has approved yet: not recorded. */
    CERTIFICATE_UNAPPROVED,
    /** RTSPS camera presenting another certificate than the approved one: not recorded, alert raised. */
    CERTIFICATE_MISMATCH,
    DISABLED,
    /**
     * Never reported by a recorder nor stored: how a table shows an enabled camera whose recorder
     * node is down (its lease ran out, or it was pinned to a node that does not run): nobody records it.
     */
    RECORDER_DOWN
}
