package org.vigilvms.storage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many days a volume has left at the rate it filled lately: the net growth of its used bytes
 * (written minus what retention deleted) over the last hour, against the room it still has. A
 * volume whose retention frees as much as recording writes never fills (infinite days); before a
 * minute of samples there is no forecast (NaN).
 */
final class FillForecast {

    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration LEAST_SPAN = Duration.ofMinutes(1);
    private static final double MS_PER_DAY = Duration.ofDays(1).toMillis();

    private record Sample(long atMs, long usedBytes) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    synchronized void add(long atMs, long usedBytes) {
        samples.addLast(new Sample(atMs, usedBytes));
        while (samples.peekFirst().atMs() < atMs - WINDOW.toMillis()) {
            samples.removeFirst();
        }
    }

    /** Days until {@code roomBytes} more are used at the recent rate. */
    synchronized double daysLeft(long roomBytes) {
        if (samples.isEmpty() || samples.peekLast().atMs() - samples.peekFirst().atMs() < LEAST_SPAN.toMillis()) {
            return Double.NaN;
        }
        if (roomBytes <= 0) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double perDay = (last.usedBytes() - first.usedBytes()) * MS_PER_DAY / (last.atMs() - first.atMs());
        return perDay <= 0 ? Double.POSITIVE_INFINITY : roomBytes / perDay;
    }
}
