package org.vigilvms.camera;

/**
 * What the recorder needs to pull one camera; {@code url} carries the credentials, so it is never
 * logged. {@code pinnedSha256} is the approved certificate of an RTSPS camera (null: none yet).
 */
public record StreamSource(long cameraId, String name, String url, byte[] pinnedSha256) {

    public boolean tls() {
        return url.startsWith("rtsps://");
    }

    /** The stream URL with the user name and password in it, as FFmpeg takes them. */
    public static String withCredentials(String url, String username, String password) {
        if (username == null || password == null) {
            return url;
        }
        java.net.URI uri = java.net.URI.create(url);
        String userInfo = java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
        return uri.getScheme() + "://" + userInfo + "@" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Override
    public String toString() {
        return "StreamSource[" + cameraId + " " + name + "]";
    }
}
