package org.vigilvms.camera;

/** What the recorder needs to pull one camera; {@code url} carries the credentials, so it is never logged. */
public record StreamSource(long cameraId, String name, String url) {
    @Override
    public String toString() {
        return "StreamSource[" + cameraId + " " + name + "]";
    }
}
