package org.vigilvms.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void tenFailuresAreFreeThenEachAttemptWaitsADoublingDelay() {
        AddressGuard guard = new AddressGuard("192.0.2.7");
        Instant now = T0;
        for (int i = 0; i < AddressGuard.FREE_FAILURES; i++) {
            assertEquals(Optional.empty(), guard.retryAfter(now), "failure " + i);
            guard.fail(now);
            now = now.plusMillis(100);
        }
        Instant last = now.minusMillis(100);
        assertEquals(Optional.of(Duration.ofMillis(4900)), guard.retryAfter(now), "5 s after the tenth failure");
        assertEquals(Optional.empty(), guard.retryAfter(last.plusSeconds(5)));
        guard.fail(last.plusSeconds(5));
        assertEquals(Optional.of(Duration.ofSeconds(10)), guard.retryAfter(last.plusSeconds(5)));
        guard.fail(last.plusSeconds(15));
        assertEquals(Optional.of(Duration.ofSeconds(20)), guard.retryAfter(last.plusSeconds(15)));
    }

    @Test
    void theDelayStopsGrowingAtFiveMinutes() {
        AddressGuard guard = new AddressGuard("192.0.2.8");
        Instant now = T0;
        for (int i = 0; i < 40; i++) {
            guard.fail(now);
            now = now.plus(Duration.ofMinutes(5));
        }
        Instant last = now.minus(Duration.ofMinutes(5));
        assertEquals(Optional.of(AddressGuard.LONGEST_DELAY), guard.retryAfter(last));
        assertEquals(Optional.empty(), guard.retryAfter(last.plus(AddressGuard.LONGEST_DELAY)));
    }

    @Test
    void aQuietQuarterOfAnHourForgivesTheAddress() {
        AddressGuard guard = new AddressGuard("192.0.2.9");
        for (int i = 0; i < 15; i++) {
            guard.fail(T0);
        }
        assertEquals(Optional.of(Duration.ofSeconds(160)), guard.retryAfter(T0));
        Instant later = T0.plus(AddressGuard.FORGIVEN_AFTER);
        assertEquals(Optional.empty(), guard.retryAfter(later));
        guard.fail(later);
        assertEquals(1, guard.failures(), "counting starts again");
    }
}
