package org.vigilvms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void waitsDoubleUpToTheLongestAndTheLastAttemptHasNoNext() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), 6);
        assertEquals(NOW.plusSeconds(10), policy.next(1, NOW));
        assertEquals(NOW.plusSeconds(20), policy.next(2, NOW));
        assertEquals(NOW.plusSeconds(40), policy.next(3, NOW));
        assertEquals(NOW.plusSeconds(60), policy.next(4, NOW), "capped");
        assertEquals(NOW.plusSeconds(60), policy.next(5, NOW));
        assertNull(policy.next(6, NOW), "six attempts made: dead");
    }

    @Test
    void aPolicyNeedsAPositiveWaitAndOneAttempt() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
