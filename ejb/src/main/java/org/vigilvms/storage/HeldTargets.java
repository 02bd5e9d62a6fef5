package org.vigilvms.storage;

/** The camera a held storage action is about: its target reads {@code camera:<id>}. */
final class HeldTargets {

    private static final String CAMERA = "camera:";

    private HeldTargets() {
    }

    static String of(long cameraId) {
        return CAMERA + cameraId;
    }

    static long camera(String target) {
        return Long.parseLong(target.substring(CAMERA.length()));
    }
}
