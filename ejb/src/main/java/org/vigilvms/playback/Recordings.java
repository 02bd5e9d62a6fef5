package org.vigilvms.playback;

import java.time.Instant;
import java.util.List;

/**
 * What a camera recorded in a time range: continuous spans (the timeline; what is between them
 * is a gap) and the segments to fetch for playback; {@code sound} says whether the segments come
 * with the camera's sound (the caller holds LISTEN) or as pictures only.
 */
public record Recordings(long cameraId, Instant from, Instant to, List<Span> spans, List<SegmentRef> segments, boolean sound) {

    /** Recorded without interruption from start to end. */
    public record Span(Instant start, Instant end) {
    }

    /** One stored segment: fetch it by its chain position. */
    public record SegmentRef(long chainSeq, Instant start, Instant end, int frames) {
    }
}
