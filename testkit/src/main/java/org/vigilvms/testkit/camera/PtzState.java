package org.vigilvms.testkit.camera;

/**
 * Pan, tilt and zoom of a virtual camera in thousandths of the ONVIF generic space: pan and tilt
 * -1000..1000, zoom 0..1000. Continuous moves integrate a velocity per frame; absolute and
 * relative moves jump. Thread-safe: the ONVIF thread writes, the encoding thread reads.
 */
public final class PtzState {

    /** Full range per second at velocity 1.0. */
    private static final double SPEED_PER_SECOND = 500;

    private double pan;
    private double tilt;
    private double zoom;
    private double panVelocity;
    private double tiltVelocity;
    private double zoomVelocity;

    public synchronized void continuousMove(double panSpeed, double tiltSpeed, double zoomSpeed) {
        panVelocity = clamp(panSpeed, -1, 1);
        tiltVelocity = clamp(tiltSpeed, -1, 1);
        zoomVelocity = clamp(zoomSpeed, -1, 1);
    }

    public synchronized void stop() {
        panVelocity = 0;
        tiltVelocity = 0;
        zoomVelocity = 0;
    }

    public synchronized void absoluteMove(double panPosition, double tiltPosition, double zoomPosition) {
        stop();
        pan = clamp(panPosition * 1000, -1000, 1000);
        tilt = clamp(tiltPosition * 1000, -1000, 1000);
        zoom = clamp(zoomPosition * 1000, 0, 1000);
    }

    public synchronized void relativeMove(double panDelta, double tiltDelta, double zoomDelta) {
        absoluteMove(pan / 1000 + panDelta, tilt / 1000 + tiltDelta, zoom / 1000 + zoomDelta);
    }

    /** Advances continuous moves by {@code seconds}. */
    public synchronized void advance(double seconds) {
        pan = clamp(pan + panVelocity * SPEED_PER_SECOND * seconds, -1000, 1000);
        tilt = clamp(tilt + tiltVelocity * SPEED_PER_SECOND * seconds, -1000, 1000);
        zoom = clamp(zoom + zoomVelocity * SPEED_PER_SECOND * seconds, 0, 1000);
    }

    public synchronized boolean moving() {
        return panVelocity != 0 || tiltVelocity != 0 || zoomVelocity != 0;
    }

    public synchronized int pan() {
        return (int) Math.round(pan);
    }

    public synchronized int tilt() {
        return (int) Math.round(tilt);
    }

    public synchronized int zoom() {
        return (int) Math.round(zoom);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
