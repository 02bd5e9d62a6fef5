package org.vigilvms.camera;

/**
 * An administrator's request to add or change a camera. {@code acceptInsecureTransport}: the
 * administrator accepts, for this camera, that a plain {@code rtsp://} stream (video and
 * password readable on the camera network) is recorded; without it such a camera is refused.
 */
public record NewCamera(String name, String site, String streamUrl, String username, String password,
                        Boolean acceptInsecureTransport) {

    /** Whether the administrator accepted a plain transport for this camera. */
    public boolean insecureAccepted() {
        return Boolean.TRUE.equals(acceptInsecureTransport);
    }
}
