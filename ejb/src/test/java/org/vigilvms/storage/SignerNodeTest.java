package org.vigilvms.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;

class SignerNodeTest {

    private static SegmentRecordedBatch batch(String... nodes) {
        return new SegmentRecordedBatch(Arrays.stream(nodes)
                .map(node -> new SegmentRecorded(7, "/spool/7-1-e1-x", 1, 4000, 100, node, 1)).toList());
    }

    @Test
    void aRecorderSpeaksForItsOwnNode() {
        assertEquals(Optional.empty(), SignerNode.mismatch("svc-recorder@vigil-2", "vigil-1", batch("vigil-2", "vigil-2")));
        assertEquals(Optional.empty(), SignerNode.mismatch("svc-recorder", "vigil-1", batch("vigil-1")));
    }

    @Test
    void oneSegmentNamingAnotherNodeRefusesTheBatch() {
        assertEquals(Optional.of("svc-recorder@vigil-2 signed a segment of camera 7 recorded by node vigil-1; "
                        + "a recorder speaks for its own node only"),
                SignerNode.mismatch("svc-recorder@vigil-2", "vigil-1", batch("vigil-2", "vigil-1")));
    }

    @Test
    void aBareNameIsTheLocalNodesRecorderOnly() {
        assertEquals("svc-recorder signed a segment of camera 7 recorded by node vigil-2; a recorder speaks for its own node only",
                SignerNode.mismatch("svc-recorder", "vigil-1", batch("vigil-2")).orElseThrow());
    }

    @Test
    void aNameOfNoServiceSpeaksForNoNode() {
        assertEquals("intruder@vigil-1 signed a segment of camera 7 recorded by node vigil-1; a recorder speaks for its own node only",
                SignerNode.mismatch("intruder@vigil-1", "vigil-1", batch("vigil-1")).orElseThrow());
    }
}
