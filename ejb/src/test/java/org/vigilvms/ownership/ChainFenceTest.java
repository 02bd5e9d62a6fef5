package org.vigilvms.ownership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigilvms.ownership.ChainFence.Recording;

class ChainFenceTest {

    private static final Instant MOVED = Instant.parse("2026-12-06T05:00:00Z");

    private static Recording recording(String node, long epoch, long startMs, long endMs) {
        return new Recording(node, epoch, MOVED.plusMillis(startMs), MOVED.plusMillis(endMs));
    }

    @Test
    void onlyTheOwnerUnderItsEpochExtendsTheChain() {
        ChainFence fence = new ChainFence("rec-2", 5, MOVED, MOVED.plus(ChainFence.HANDOVER));
        assertTrue(fence.admits(recording("rec-2", 5, 1000, 5000), "rec-2", 5));
        assertTrue(fence.admits(recording("rec-2", 5, 1000, 5000), "rec-1", 4), "its first link after the previous owner's");
        assertFalse(fence.admits(recording("rec-1", 5, 1000, 5000), "rec-2", 5), "another node");
        assertFalse(fence.admits(recording("rec-2", 6, 1000, 5000), "rec-2", 5), "an epoch not given yet");
        assertFalse(fence.admits(recording(null, 0, 1000, 5000), null, 0), "a segment from before ownership existed, once the camera has an owner");
    }

    @Test
    void theNodeThatLostTheCameraAddsTheSegmentItWasRecordingAtTheMoveWhileNobodyElseHasAddedOne() {
        ChainFence fence = new ChainFence("rec-2", 5, MOVED, MOVED.plus(ChainFence.HANDOVER));
        assertTrue(fence.admits(recording("rec-1", 4, -3000, 400), "rec-1", 4), "begun before the move, ended just after it");
        assertTrue(fence.admits(recording("rec-1", 4, -3000, 2500), "rec-1", 4), "ended at the handover's limit");
        assertTrue(fence.admits(recording("rec-1", 4, -9000, -5000), "rec-1", 4), "recorded before the move, sealed after it");
        assertFalse(fence.admits(recording("rec-1", 4, -3000, 2501), "rec-1", 4), "ended after the handover: a node cut off too long");
        assertFalse(fence.admits(recording("rec-1", 4, 0, 2000), "rec-1", 4), "begun at or after the move");
        assertFalse(fence.admits(recording("rec-1", 4, -3000, 400), "rec-2", 5), "the new owner has added a link already");
        assertFalse(fence.admits(recording("rec-1", 3, -3000, 400), "rec-1", 4), "an older epoch of the same node");
        assertFalse(fence.admits(recording("rec-3", 4, -3000, 400), "rec-1", 4), "a node that did not add the last link");
        assertFalse(fence.admits(recording("rec-1", 3, -3000, 400), "rec-1", 3),
                "an owner in between (epoch 4), though it added nothing");
    }

    @Test
    void aNodeWhoseLeaseRanOutAddsNothingMoreNotEvenWhatItBeganBeforeTheMove() {
        ChainFence fence = new ChainFence("rec-2", 5, MOVED, null);
        assertFalse(fence.admits(recording("rec-1", 4, -3000, 400), "rec-1", 4));
        assertFalse(fence.admits(recording("rec-1", 4, -9000, -5000), "rec-1", 4));
        assertTrue(fence.admits(recording("rec-2", 5, 1000, 5000), "rec-1", 4));
    }

    @Test
    void aCameraWithoutOwnerTakesWhatItsClaimingNodeRecorded() {
        assertTrue(ChainFence.NO_OWNER.admits(recording("rec-1", 1, 0, 4000), null, 0));
        assertTrue(ChainFence.NO_OWNER.admits(recording(null, 0, 0, 4000), null, 0));
    }
}
