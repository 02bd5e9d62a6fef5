package org.vigilvms.keys;

import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds what the master key seals for a camera to that camera: its
 * wrapped data key and its stored password cannot be moved to another camera's row and opened
 * there. Static, so offline tools compute exactly what the server computes.
 */
public final class CameraKeys {

    private CameraKeys() {
    }

    public static byte[] dataKeyAad(long cameraId) {
        return ("vigil-camera-data-key:" + cameraId).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] passwordAad(long cameraId) {
        return ("vigil-camera-password:" + cameraId).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds a camera's data key sealed for {@code node} ({@link NodeSeal}) to that camera and node. */
    public static byte[] sealedDataKeyAad(long cameraId, String node) {
        return ("vigil-camera-data-key:" + cameraId + "@" + node).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds a camera's password sealed for {@code node} ({@link NodeSeal}) to that camera and node. */
    public static byte[] sealedPasswordAad(long cameraId, String node) {
        return ("vigil-camera-password:" + cameraId + "@" + node).getBytes(StandardCharsets.UTF_8);
    }
}
