package org.vigilvms.jms.recording;

import java.util.List;

/**
 * Recorder to storage: the segments the recorder finished since its last message, all cameras
 * together, in the order they were finished (so in each camera's recording order). One
 * signature, one message and one storage transaction carry them all; each segment is sealed or
 * refused on its own, as if sent alone. Sent to {@link org.vigilvms.jms.Destinations#SEGMENTS}
 * in the group {@link org.vigilvms.jms.Destinations#SEGMENT_GROUP}.
 */
public record SegmentRecordedBatch(List<SegmentRecorded> segments) {

    public static final String TYPE = "vigil.SegmentRecordedBatch/1";
    /** More than this in one message is refused whole. */
    public static final int MOST_SEGMENTS = 256;
}
