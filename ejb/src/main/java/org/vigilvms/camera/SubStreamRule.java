package org.vigilvms.camera;

import java.net.URI;

/**
 * Where a camera's sub-stream may be: on its main stream's endpoint, with the same scheme, host
 * and port. The recorder opens it with the camera's password and judges it by the camera's
 * approved certificate, so an address elsewhere would carry that password to another endpoint,
 * and a plain address beside an RTSPS main stream would carry it readable.
 */
final class SubStreamRule {

    private SubStreamRule() {
    }

    /** Why {@code sub} cannot be the sub-stream of a camera streaming at {@code main}, or null. Both are valid stream URLs. */
    static String problem(String main, String sub) {
        URI m = URI.create(main);
        URI s = URI.create(sub);
        if (!m.getScheme().equals(s.getScheme()) || !StreamSource.sameEndpoint(main, sub)) {
            return "subStreamUrl must be on the main stream's endpoint (" + m.getScheme() + "://" + m.getRawAuthority()
                    + "): the sub-stream is opened with the camera's password and judged by its certificate";
        }
        if (normalised(m).equals(normalised(s))) {
            return "subStreamUrl is the main stream itself";
        }
        return null;
    }

    /** Whether a sub-stream still fits after the main stream moved to {@code main}. */
    static boolean stillFits(String main, String sub) {
        return sub == null || problem(main, sub) == null;
    }

    private static String normalised(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path)
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
