package org.vigilvms.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per camera: a flood of events from one camera (broken analytics, a forged
 * stream) is cut off after a burst, while every other camera's events keep flowing.
 */
@ApplicationScoped
public class EventRateLimiter {

    /** Events per second and camera ({@code vigil.events.per.camera.rate}, default 10); a burst of six seconds' worth. */
    static double perSecond() {
        try {
            return Math.max(1, Double.parseDouble(System.getProperty("vigil.events.per.camera.rate", "10")));
        } catch (NumberFormatException e) {
            return 10;
        }
    }
    static final long REPORT_EVERY_MS = 10_000;

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** Whether one more event of this camera is admitted now. */
    public boolean admit(long cameraId, long nowMs) {
        return buckets.computeIfAbsent(cameraId, c -> new Bucket(nowMs)).take(nowMs);
    }

    /**
     * Events of this camera refused since the last report, when a report is due (at most one
     * every {@link #REPORT_EVERY_MS}); 0 otherwise. One audit row per burst, not one per event.
     */
    public long refusalsToReport(long cameraId, long nowMs) {
        Bucket bucket = buckets.get(cameraId);
        return bucket == null ? 0 : bucket.report(nowMs);
    }

    private static final class Bucket {
        private double tokens = 6 * perSecond();
        private long lastMs;
        private long refused;

        Bucket(long nowMs) {
            lastMs = nowMs;
        }

        synchronized boolean take(long nowMs) {
            double rate = perSecond();
            tokens = Math.min(6 * rate, tokens + (nowMs - lastMs) * rate / 1000.0);
            lastMs = nowMs;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            refused++;
            return false;
        }

        private long lastReportMs = Long.MIN_VALUE;

        synchronized long report(long nowMs) {
            if (refused == 0 || (lastReportMs != Long.MIN_VALUE && nowMs - lastReportMs < REPORT_EVERY_MS)) {
                return 0;
            }
            long n = refused;
            refused = 0;
            lastReportMs = nowMs;
            return n;
        }
    }
}
