package org.vigilvms.platform;

/**
 * A token bucket: {@code capacity} at once, then {@code perSecond} a second. The rate limits
 * per client address, per socket and the like are all this; each caller says what a refusal
 * means. Time comes in as nanoseconds (e.g. {@link System#nanoTime()}), so tests set it.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perSecond;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double capacity, double perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** One unit at {@code nowNanos}: false when the bucket is empty (nothing is taken then). */
    public synchronized boolean take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
