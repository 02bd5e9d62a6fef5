package org.vigilvms.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: after {@code first}, doubling each time up to
 * {@code longest}; after {@code attempts} attempts in all, never (the delivery is dead).
 */
public record RetryPolicy(Duration first, Duration longest, int attempts) {

    public RetryPolicy {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("a retry policy needs 0 < first <= longest and at least one attempt");
        }
    }

    /** The default: 10 s, 20 s, 40 s ... at most 10 min apart, 8 attempts (about half an hour). */
    public static RetryPolicy fromSystemProperties() {
        Duration first = Duration.ofSeconds(Math.max(1, Long.getLong("vigil.webhook.retry.seconds", 10)));
        Duration longest = first.compareTo(Duration.ofMinutes(10)) > 0 ? first : Duration.ofMinutes(10);
        return new RetryPolicy(first, longest, Math.max(1, Integer.getInteger("vigil.webhook.attempts", 8)));
    }

    /** After attempt number {@code made} (1 = the first) failed at {@code now}: the next attempt's time, or null. */
    public Instant next(int made, Instant now) {
        if (made >= attempts) {
            return null;
        }
        Duration wait = first.multipliedBy(1L << Math.min(made - 1, 30));
        return now.plus(wait.compareTo(longest) > 0 ? longest : wait);
    }
}
