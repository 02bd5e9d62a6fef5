package org.vigilvms.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamClockTest {

    private static final long T0 = 1_800_000_000_000L;

    /**
     * A session as the recorder sees it: pictures taken at real time t (25 fps) carry media time
     * t * rate; each arrives after {@code latency} + jitter and is read after the first
     * {@code readAhead} ms came at once (FFmpeg probing). Returns the placement error of the last
     * segment's start (placed - taken), ms, and checks every step between segments.
     */
    private static long session(double rate, long readAhead, long seconds, StreamClock[] out, long[] maxStep) {
        Random random = new Random(7);
        long latency = 20;
        long firstRead = T0 + latency + readAhead;
        StreamClock clock = new StreamClock(firstRead);
        out[0] = clock;
        long segmentMedia = 0;
        long lastError = 0;
        long previousCorrection = 0;
        boolean first = true;
        for (long taken = 0; taken < seconds * 1000; taken += 40) {
            long media = Math.round(taken * rate);
            long arrival = T0 + taken + latency + (random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(15));
            long read = Math.max(arrival, firstRead + media / 50); // the probed pictures come out fast
            clock.arrived(media, read);
            if (media - segmentMedia >= 2000) {
                clock.segmentEnded(media - segmentMedia);
                if (!first) {
                    maxStep[0] = Math.max(maxStep[0], Math.abs(clock.correctionMs() - previousCorrection));
                }
                first = false;
                previousCorrection = clock.correctionMs();
                segmentMedia = media;
                lastError = clock.wallOf(media) - (T0 + taken);
            }
        }
        return lastError;
    }

    @Test
    void aSteadyCameraIsPlacedWhereItsPicturesWereTakenDespiteTheReadAheadAndJitter() {
        StreamClock[] clock = new StreamClock[1];
        long[] step = new long[1];
        long error = session(1.0, 800, 120, clock, step);
        // placed no later than arrival: within the network latency (20 ms) and the lowest jitter
        assertTrue(error >= 0 && error <= 30, "placement error " + error + " ms");
        assertTrue(step[0] <= 10, "a steady clock is not moved: " + step[0]);
        assertNull(clock[0].takeReport(), "nothing to report");
    }

    @Test
    void aCameraClockRunningOnePercentFastOrSlowIsFollowedGraduallyAndReported() {
        for (double rate : new double[] {1.01, 0.99}) {
            StreamClock[] clock = new StreamClock[1];
            long[] step = new long[1];
            long error = session(rate, 300, 120, clock, step);
            // uncorrected, the last segment would be 1.2 s off; the lowest-delay window trails a slow clock by its length
            assertTrue(Math.abs(error) <= 150, "rate " + rate + ": placement error " + error + " ms");
            assertTrue(step[0] <= 2000 * StreamClock.SLEW_PER_MILLE / 1000 + 1, "rate " + rate + ": step " + step[0] + " ms");
            Long report = clock[0].takeReport();
            assertNotNull(report, "drift reported");
            assertTrue(rate > 1 ? report < -StreamClock.REPORT_STEP_MS : report > StreamClock.REPORT_STEP_MS,
                    "rate " + rate + ": reported " + report);
            assertNull(clock[0].takeReport(), "reported once");
        }
    }

    @Test
    void theFirstSegmentTakesTheWholeCorrection() {
        StreamClock clock = new StreamClock(T0 + 500);
        for (long media = 0; media <= 2000; media += 40) {
            clock.arrived(media, Math.max(T0 + 500 + media / 50, T0 + media + 10));
        }
        clock.segmentEnded(2000);
        assertEquals(T0 + 10, clock.wallOf(0), "placed where the steady arrivals say");
    }
}
