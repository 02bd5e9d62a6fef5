package org.vigilvms.camera;

/** The state of the connection to a camera, as the recorder last saw it. */
public enum CameraStatus { NEW, ONLINE, OFFLINE, UNAUTHORIZED, CERTIFICATE_MISMATCH, DISABLED }
