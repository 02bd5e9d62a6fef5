package org.vigilvms.testkit.camera;

/**
 * What happens in front of a virtual camera, for analytics tests: a still scene (no moving bar)
 * and an intruder (a moving, high-contrast block) inside a rectangle given in fractions of the
 * picture. Changes apply from the next frame.
 */
public final class SceneControl {

    /** No moving bar: only sensor noise changes from frame to frame. */
    public volatile boolean still;

    private volatile double[] intruder;

    /** Shows a moving block inside (x, y, w, h), fractions of the picture. */
    public void intruder(double x, double y, double width, double height) {
        intruder = new double[] {x, y, width, height};
    }

    public void noIntruder() {
        intruder = null;
    }

    double[] intruder() {
        return intruder;
    }
}
