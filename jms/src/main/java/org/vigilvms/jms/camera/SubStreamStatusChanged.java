package org.vigilvms.jms.camera;

/**
 * Recorder to management: the connection to a camera's sub-stream changed state; the camera's
 * own status (its main stream, which is recorded) is not concerned. Sent to
 * {@link org.vigilvms.jms.Destinations#CAMERA_STATUS} beside {@link CameraStatusChanged}.
 *
 * @param cameraId camera concerned
 * @param status   ONLINE, OFFLINE or UNAUTHORIZED
 * @param reason   why, for operators; null when there is nothing to say
 * @param atMs     when the recorder saw it, epoch ms UTC
 */
public record SubStreamStatusChanged(long cameraId, String status, String reason, long atMs) {
    public static final String TYPE = "vigil.SubStreamStatusChanged/1";
}
