package org.vigilvms.ownership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChainFenceTest {

    @Test
    void onlyTheOwnerUnderItsEpochExtendsTheChain() {
        ChainFence fence = new ChainFence("rec-2", 5);
        assertTrue(fence.admits("rec-2", 5));
        assertFalse(fence.admits("rec-1", 5), "another node");
        assertFalse(fence.admits("rec-2", 4), "the owner before it lost the camera and got it back");
        assertFalse(fence.admits("rec-2", 6), "an epoch not given yet");
        assertFalse(fence.admits(null, 0), "a segment from before ownership existed, once the camera has an owner");
    }

    @Test
    void aCameraWithoutOwnerTakesWhatItsClaimingNodeRecorded() {
        assertTrue(ChainFence.NO_OWNER.admits("rec-1", 1));
        assertTrue(ChainFence.NO_OWNER.admits(null, 0));
    }
}
