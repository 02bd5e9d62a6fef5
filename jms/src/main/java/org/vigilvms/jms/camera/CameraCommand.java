package org.vigilvms.jms.camera;

/**
 * Management to recorder: act on a camera now rather than at the next reconciliation. Sent to
 * {@link org.vigilvms.jms.Destinations#CAMERA_COMMANDS} in the transaction that changed the
 * camera, so it is delivered only when that change is committed.
 *
 * @param cameraId camera concerned
 * @param action   {@link #START_RECORDING} or {@link #STOP_RECORDING}
 * @param issuedBy user who caused it, for the recorder's log
 */
public record CameraCommand(long cameraId, String action, String issuedBy) {
    public static final String TYPE = "vigil.CameraCommand/1";
    public static final String START_RECORDING = "START_RECORDING";
    public static final String STOP_RECORDING = "STOP_RECORDING";
}
