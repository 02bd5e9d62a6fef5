package org.vigilvms.camera;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the recorder needs to pull one camera; {@code url} carries the credentials, so it is never
 * logged. {@code pinnedSha256} is the approved certificate of an RTSPS camera (null: none yet).
 * {@code subUrl}: the camera's sub-stream with the same credentials (same endpoint), or null.
 */
public record StreamSource(long cameraId, String name, String url, byte[] pinnedSha256, String subUrl) {

    public boolean tls() {
        return url.startsWith("rtsps://");
    }

    /** The same camera reached at its sub-stream; null when it has none. */
    public StreamSource subStream() {
        return subUrl == null ? null : new StreamSource(cameraId, name, subUrl, pinnedSha256, null);
    }

    /** The stream URL with the user name and password in it, as FFmpeg takes them. */
    public static String withCredentials(String url, String username, String password) {
        String userInfo = userInfo(username, password);
        if (userInfo == null) {
            return url;
        }
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + userInfo + "@" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** {@code user:password}, each URL-encoded as FFmpeg decodes them; null without both. */
    public static String userInfo(String username, String password) {
        if (username == null || password == null) {
            return null;
        }
        return URLEncoder.encode(username, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /**
     * Whether two stream addresses reach the same endpoint (host, case aside, and port, the
     * scheme's default when none is given): a stored camera password goes only to the endpoint
     * it was entered for.
     */
    public static boolean sameEndpoint(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        return x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost()) && port(x) == port(y);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "rtsps".equals(uri.getScheme()) ? 322 : 554;
    }

    @Override
    public String toString() {
        return "StreamSource[" + cameraId + " " + name + "]";
    }
}
