package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecordedHereTest {

    @Test
    void aCameraThisNodeRecordsOrNobodyRecordsYetIsWatchedHere() {
        // the leases are not read then: a ticket for a camera recorded here costs one query, not two
        Supplier<Set<String>> unread = () -> {
            throw new AssertionError("the live nodes were read for a camera recorded here");
        };
        assertEquals(Optional.empty(), RecordedHere.whyNot(7, Optional.of("vigil-1"), unread, "vigil-1"));
        assertEquals(Optional.empty(), RecordedHere.whyNot(7, Optional.empty(), unread, "vigil-1"));
    }

    @Test
    void aCameraWhoseRecorderNodeIsDownSaysWhichNodeAndThatThePictureComesBackWithIt() {
        assertEquals(Optional.of("camera 7 is recorded by the node vigil-far, which is down: its live picture comes back with that node"),
                RecordedHere.whyNot(7, Optional.of("vigil-far"), () -> Set.of("vigil-1"), "vigil-1"));
    }

    @Test
    void aCameraRecordedByAnotherLiveNodeSaysWhichNodeHasItsPicture() {
        assertEquals(Optional.of("camera 7 is recorded by the node vigil-2: only that node has its live picture, and this is vigil-1"),
                RecordedHere.whyNot(7, Optional.of("vigil-2"), () -> Set.of("vigil-1", "vigil-2"), "vigil-1"));
    }
}
