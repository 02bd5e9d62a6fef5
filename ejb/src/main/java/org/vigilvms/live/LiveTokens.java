package org.vigilvms.live;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived media tokens: HMAC-SHA256 over camera, user, expiry and the viewer's HTTP session
 * id, under a key that lives only in this server's memory. A token is useless in another
 * session, for another camera, or after {@link #LIFETIME}; a restart voids them all.
 */
@ApplicationScoped
public class LiveTokens {

    public static final Duration LIFETIME = Duration.ofSeconds(30);
    /** The "camera" of tickets for the console's alarm socket (no camera has this id). */
    public static final long ALARM_CHANNEL = -1;

    private final byte[] key = new byte[32];
    private final Clock clock;

    public LiveTokens() {
        this(Clock.systemUTC());
    }

    /** With {@code clock} (tests set the time). */
    LiveTokens(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    public String issue(long cameraId, String user, String sessionId) {
        long expires = clock.millis() + LIFETIME.toMillis();
        String claims = cameraId + ":" + expires + ":" + user;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(claims, sessionId));
    }

    /** The user a valid token was issued to, for this camera and session; empty otherwise. */
    public Optional<String> verify(String token, long cameraId, String sessionId) {
        if (token == null || sessionId == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(claims, sessionId))) {
                return Optional.empty();
            }
            String[] parts = claims.split(":", 3);
            if (parts.length != 3 || Long.parseLong(parts[0]) != cameraId || Long.parseLong(parts[1]) < clock.millis()) {
                return Optional.empty();
            }
            return Optional.of(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64, not numbers: not a token of ours
        }
    }

    private byte[] mac(String claims, String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((claims + "|" + sessionId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
