package org.vigilvms.jms.camera;

/**
 * Recorder to management: the connection to a camera changed state. Sent to
 * {@link org.vigilvms.jms.Destinations#CAMERA_STATUS}; consumed in order (one consumer).
 *
 * @param cameraId camera concerned
 * @param status   ONLINE, OFFLINE, UNAUTHORIZED, CERTIFICATE_MISMATCH or CERTIFICATE_UNAPPROVED
 * @param reason   why, for operators; null when there is nothing to say
 * @param atMs     when the recorder saw it, epoch ms UTC
 */
public record CameraStatusChanged(long cameraId, String status, String reason, long atMs) {
    public static final String TYPE = "vigil.CameraStatusChanged/1";
}
