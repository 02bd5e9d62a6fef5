package org.vigilvms.jms.recording;

/**
 * Recorder to storage: a segment of one camera was written to the recorder's spool and awaits
 * sealing (hash, encryption, hash chain, index). Sent to
 * {@link org.vigilvms.jms.Destinations#SEGMENTS}.
 *
 * @param cameraId    camera that recorded it
 * @param spoolFile   absolute path of the clear fragmented-MP4 file in the recorder's spool
 * @param startMs     wall-clock time of its first frame, epoch ms UTC
 * @param durationMs  media duration by the stream timestamps, ms
 * @param frames      video frames in it
 * @param node        the recorder node that recorded it
 * @param epoch       the ownership epoch under which that node recorded the camera (0: recorded before
 *                    camera ownership existed); the storage service adds the segment to the camera's
 *                    chain only when node and epoch are the camera's owner now
 */
public record SegmentRecorded(long cameraId, String spoolFile, long startMs, long durationMs, int frames,
                              String node, long epoch) {
    public static final String TYPE = "vigil.SegmentRecorded/1";
}
