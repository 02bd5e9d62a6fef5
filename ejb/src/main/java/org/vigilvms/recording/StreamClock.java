package org.vigilvms.recording;

/**
 * Places one camera session's pictures on the server's clock. A picture's place is the server's
 * time at the session's first picture plus its media time, so a second of video is a second in
 * the index, plus a correction: no picture can have been taken after it arrived, so the lowest
 * delay between a picture's place and its arrival, over the last few segments, is the error of the
 * placement (the lowest, so network jitter and a busy recorder do not count). The first segment
 * takes the whole correction (the session's first pictures were read from FFmpeg's buffer after
 * probing, later than they arrived). After that the correction follows a camera clock that runs fast
 * or slow gradually, at most {@link #SLEW_PER_MILLE} per mille of a segment's length (segments
 * neither overlap nor part by more than two frames; a camera drifting 1 % is still followed), and
 * a drift that moved by {@link #REPORT_STEP_MS} since the last report is reported.
 */
final class StreamClock {

    /** Largest change of the correction per segment, per mille of its length: 20 = 80 ms for a 4 s segment. */
    static final long SLEW_PER_MILLE = 20;
    /** A drift change this large is reported. */
    static final long REPORT_STEP_MS = 250;
    /** Segments whose lowest arrival delays make one estimate (20 s of 4 s segments). */
    static final int WINDOW = 5;

    private final long sessionWallMs;
    private final long[] windowLags = new long[WINDOW];
    private int segmentsSeen;
    private long segmentMinLag = Long.MAX_VALUE;
    private long initialCorrectionMs;
    private long correctionMs;
    private long reportedDriftMs;
    private Long report;

    /** {@code sessionWallMs}: the server's time when the session's first picture was read (media time 0). */
    StreamClock(long sessionWallMs) {
        this.sessionWallMs = sessionWallMs;
    }

    /** Where media time {@code mediaMs} (since the session's first picture) is on the server's clock. */
    long wallOf(long mediaMs) {
        return sessionWallMs + mediaMs + correctionMs;
    }

    /** A picture of media time {@code mediaMs} was read at server time {@code nowMs}. */
    void arrived(long mediaMs, long nowMs) {
        segmentMinLag = Math.min(segmentMinLag, nowMs - (sessionWallMs + mediaMs));
    }

    /**
     * A segment ended after {@code lengthMs}: its pictures' arrivals update the estimate and the
     * correction. After the session's first segment the correction is taken whole (call
     * {@link #wallOf} again for that segment's start); later ones move it by at most a slew step.
     */
    void segmentEnded(long lengthMs) {
        if (segmentMinLag == Long.MAX_VALUE) {
            return;
        }
        windowLags[segmentsSeen % WINDOW] = segmentMinLag;
        segmentsSeen++;
        segmentMinLag = Long.MAX_VALUE;
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(segmentsSeen, WINDOW); i++) {
            lowest = Math.min(lowest, windowLags[i]);
        }
        if (segmentsSeen == 1) {
            initialCorrectionMs = lowest;
            correctionMs = lowest;
            return;
        }
        long step = Math.max(1, lengthMs * SLEW_PER_MILLE / 1000);
        correctionMs += Math.max(-step, Math.min(step, lowest - correctionMs));
        long drift = lowest - initialCorrectionMs;
        if (Math.abs(drift - reportedDriftMs) >= REPORT_STEP_MS) {
            reportedDriftMs = drift;
            report = drift;
        }
    }

    /** The correction applied now, ms (added to the first picture's time plus media time). */
    long correctionMs() {
        return correctionMs;
    }

    /** How far the camera's clock drifted since the session began (positive: it runs slow), to report; null if not moved enough. */
    Long takeReport() {
        Long r = report;
        report = null;
        return r;
    }
}
