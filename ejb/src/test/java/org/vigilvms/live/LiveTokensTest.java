package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenOpensItsCameraInItsSessionUntilItExpires() {
        Moving clock = new Moving();
        LiveTokens tokens = new LiveTokens(clock);
        String token = tokens.issue(7, "alice", "session-a");
        assertEquals(Optional.of("alice"), tokens.verify(token, 7, "session-a"));
        clock.now = T0.plus(LiveTokens.LIFETIME).minusMillis(1);
        assertEquals(Optional.of("alice"), tokens.verify(token, 7, "session-a"), "still valid just before the end");
        clock.now = T0.plus(LiveTokens.LIFETIME).plus(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), tokens.verify(token, 7, "session-a"), "expired");
    }

    @Test
    void aTokenIsWorthlessInAnotherSessionForAnotherCameraAlteredOrFromAnotherServer() {
        LiveTokens tokens = new LiveTokens(new Moving());
        String token = tokens.issue(7, "alice", "session-a");
        assertEquals(Optional.empty(), tokens.verify(token, 7, "session-b"), "another session");
        assertEquals(Optional.empty(), tokens.verify(token, 8, "session-a"), "another camera");
        assertEquals(Optional.empty(), tokens.verify(token, 7, null), "no session");
        String claims = token.substring(0, token.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "7:99999999999999:admin".getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertEquals(Optional.empty(), tokens.verify(forged, 7, "session-a"), "claims changed, signature kept");
        assertEquals(Optional.empty(), tokens.verify(claims + ".AAAA", 7, "session-a"), "signature changed");
        assertEquals(Optional.empty(), tokens.verify("not a token", 7, "session-a"));
        assertEquals(Optional.empty(), new LiveTokens(new Moving()).verify(token, 7, "session-a"), "another server's key");
    }
}
