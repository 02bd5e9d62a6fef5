package org.vigilvms.testkit.camera;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * WS-Security UsernameToken with PasswordDigest, as ONVIF uses it:
 * digest = Base64(SHA-1(nonce + created + password)), with {@code created} checked against the
 * camera's clock (which may be skewed) within {@link #MAX_SKEW}.
 */
public final class WsUsernameToken {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private WsUsernameToken() {
    }

    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a token is refused, or null when it is valid. */
    static String refusal(String user, String password, String tokenUser, String tokenDigest, String nonceBase64,
                          String created, Instant cameraNow) {
        if (tokenUser == null || tokenDigest == null || nonceBase64 == null || created == null) {
            return "no UsernameToken with PasswordDigest";
        }
        if (!user.equals(tokenUser)) {
            return "unknown user";
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            return "bad Created time";
        }
        if (Duration.between(createdAt, cameraNow).abs().compareTo(MAX_SKEW) > 0) {
            return "Created " + created + " too far from the camera clock " + cameraNow;
        }
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(nonceBase64);
        } catch (IllegalArgumentException e) {
            return "bad Nonce";
        }
        String expected = digest(nonce, created, password);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                tokenDigest.getBytes(StandardCharsets.US_ASCII)) ? null : "wrong password digest";
    }
}
