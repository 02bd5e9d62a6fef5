package org.vigilvms.ownership;

import java.time.Duration;
import java.time.Instant;

/**
 * Who may extend a camera's hash chain now: the owning node under the owning epoch. A segment
 * recorded by another node, or by the owner under an earlier epoch (it lost the camera and got it
 * back since), is refused, with one exception that keeps a planned move from cutting the
 * recording: when the camera was handed over by a node that was alive, that node may still add the
 * segment it was recording at the move, as long as it began before the move, ended by the
 * handover's end, and nobody else has extended the chain since (the chain's last link is that
 * node's, under the epoch just before the owner's). A node the camera was taken from because its
 * lease ran out (dead, frozen, cut off), or whose successor has already added a link, adds
 * nothing. A camera nobody owns yet fences nothing: its first segments come from the node that is
 * claiming it.
 *
 * @param node  the owning node; null when the camera has no owner
 * @param epoch the owner's epoch
 * @param since when the owner took the camera (the end of the previous owner's epoch); null when
 *              the camera has no owner
 * @param handoverUntil until when the previous owner may end its last segment; null when the
 *              camera was not handed over by a live node
 */
public record ChainFence(String node, long epoch, Instant since, Instant handoverUntil) {

    public static final ChainFence NO_OWNER = new ChainFence(null, 0, null, null);

    /**
     * How long after a planned move the segment that the node losing the camera was recording may
     * end: its next check (every second; at once on the management node, which a move's command reaches)
     * stops the recording, and the segment ends there.
     */
    public static final Duration HANDOVER = Duration.ofMillis(2500);

    /** What a segment to be added says about itself: who recorded it, under which epoch, from when to when. */
    public record Recording(String node, long epoch, Instant start, Instant end) {
    }

    /**
     * Whether {@code recording} may become the chain's next link, after the link that {@code lastBy}
     * recorded under {@code lastUnder} (both null/0 for an empty chain or a link from before ownership).
     */
    public boolean admits(Recording recording, String lastBy, long lastUnder) {
        if (node == null || node.equals(recording.node()) && epoch == recording.epoch()) {
            return true;
        }
        return recording.node() != null && recording.node().equals(lastBy) && recording.epoch() == lastUnder
                && recording.epoch() == epoch - 1 && since != null && handoverUntil != null
                && recording.start().isBefore(since) && !recording.end().isAfter(handoverUntil);
    }
}
