package org.vigilvms.camera;

/**
 * What the recorder needs to pull one camera; {@code url} carries the credentials, so it is never
 * logged. {@code pinnedSha256} is the approved certificate of an RTSPS camera (null: none yet).
 */
public record StreamSource(long cameraId, String name, String url, byte[] pinnedSha256) {

    public boolean tls() {
        return url.startsWith("rtsps://");
    }

    @Override
    public String toString() {
        return "StreamSource[" + cameraId + " " + name + "]";
    }
}
