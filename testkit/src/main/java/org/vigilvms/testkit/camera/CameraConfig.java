package org.vigilvms.testkit.camera;

/**
 * How one virtual camera looks and where it listens (RTSP, RTSPS, ONVIF over HTTP and HTTPS).
 * Ports of 0 pick free ones; a port of -1 disables that listener.
 */
public record CameraConfig(int id, int width, int height, int fps, int bitrate, int gop,
                           String user, String password, int rtspPort, int rtspsPort, int onvifPort, int onvifsPort) {

    public CameraConfig {
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60, got " + fps);
        }
        if (width < 320 || width > 1920 || height < 240 || height > 1080) {
            throw new IllegalArgumentException("resolution must be within 320x240..1920x1080, got " + width + "x" + height);
        }
        if (user == null || user.isBlank() || password == null || password.isBlank()) {
            throw new IllegalArgumentException("a camera needs a user and a password");
        }
    }

    /** A small camera for tests: 640x360, 25 fps, 1 Mbit/s, GOP 1 s, every listener on a free port. */
    public static CameraConfig forTests(int id, String password) {
        return new CameraConfig(id, 640, 360, 25, 1_000_000, 25, "admin", password, 0, 0, 0, 0);
    }
}
