package org.vigilvms.recording;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one camera's ingest has received, counted for the metrics endpoint: video frames read
 * from the stream, their bytes, the frames read but not recorded (before the first keyframe of a
 * connection, or without any timestamp) and the reconnections after the first connection. Kept
 * per camera for the life of the recorder, across the ingest's connections and restarts, so the
 * counters only grow (what Prometheus expects of a counter).
 */
final class CameraCounters {

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder framesDropped = new LongAdder();
    private final LongAdder connections = new LongAdder();

    void frame(int bytes) {
        framesIn.increment();
        bytesIn.add(bytes);
    }

    /** A frame already counted by {@link #frame} that was not recorded. */
    void dropped() {
        framesDropped.increment();
    }

    /** A connection delivered its stream description: every one after the first is a reconnection. */
    void connected() {
        connections.increment();
    }

    long framesIn() {
        return framesIn.sum();
    }

    long bytesIn() {
        return bytesIn.sum();
    }

    long framesDropped() {
        return framesDropped.sum();
    }

    long reconnects() {
        return Math.max(0, connections.sum() - 1);
    }
}
