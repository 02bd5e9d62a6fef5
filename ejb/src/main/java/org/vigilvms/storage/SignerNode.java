package org.vigilvms.storage;

import java.util.Optional;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;

/**
 * A recorder speaks for its own node only: every segment of a batch must name the node whose
 * recorder signed the batch. The chain fence trusts the node and epoch a segment names, so a
 * recorder naming the owner of a camera it does not own would otherwise extend that camera's chain.
 */
final class SignerNode {

    private SignerNode() {
    }

    /**
     * Why {@code batch}, signed by {@code producer}, speaks for another node; empty when every
     * segment names the signer's node ({@code localNode} for a bare service name).
     */
    static Optional<String> mismatch(String producer, String localNode, SegmentRecordedBatch batch) {
        if (batch.segments() == null) {
            return Optional.empty(); // malformed: the sealing refuses it as such
        }
        String signer = ProducerName.parse(producer).map(name -> name.nodeOr(localNode)).orElse(null);
        for (SegmentRecorded segment : batch.segments()) {
            if (signer == null || !signer.equals(segment.node())) {
                return Optional.of(producer + " signed a segment of camera " + segment.cameraId() + " recorded by node "
                        + segment.node() + "; a recorder speaks for its own node only");
            }
        }
        return Optional.empty();
    }
}
