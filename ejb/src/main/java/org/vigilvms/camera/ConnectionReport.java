package org.vigilvms.camera;

/**
 * The answer to "test connection": whether the stream opened with these credentials, what it
 * carries, and for RTSPS the certificate the camera presented (for the administrator to compare
 * with the camera's own before approving it).
 */
public record ConnectionReport(boolean ok, CameraStatus status, String detail, String videoCodec, int width, int height,
                               double framesPerSecond, String audioCodec, String certificateSha256) {
}
