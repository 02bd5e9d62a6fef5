package org.vigilvms.testkit.camera;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RTSP authentication as IP cameras do it: Digest (RFC 2617/7616, MD5, with or without
 * qop=auth) or Basic. One instance per connection, holding that connection's nonce.
 */
final class RtspAuthenticator {

    static final String REALM = "VigilVirtualCamera";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    private final String user;
    private final String password;
    private final String nonce;

    RtspAuthenticator(String user, String password) {
        this.user = user;
        this.password = password;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.nonce = HexFormat.of().formatHex(random);
    }

    /** The challenge headers of a 401 answer. */
    String[] challenges() {
        return new String[] {"Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", algorithm=MD5",
                "Basic realm=\"" + REALM + "\""};
    }

    boolean accepts(String method, String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8),
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        if (!authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(authorization.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!user.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || !REALM.equals(p.get("realm"))
                || p.get("uri") == null || p.get("response") == null) {
            return false;
        }
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + p.get("uri"));
        String expected = p.get("qop") == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + p.get("qop") + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
