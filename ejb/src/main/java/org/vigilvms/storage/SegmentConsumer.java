package org.vigilvms.storage;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.envelope.Rejection;
import org.vigilvms.jms.recording.SegmentRecordedBatch;
import org.vigilvms.messaging.EnvelopeGate;
import org.vigilvms.platform.NodeName;

/**
 * The storage service receiving finished segments from the recorder, a batch per message;
 * connects as svc-storage (jboss-ejb3.xml). The recorder sends its batches in one message group
 * ({@link Destinations#SEGMENT_GROUP}), which the broker delivers in order to one session at a
 * time, so each camera's chain grows in recording order. A batch whose segments name another node
 * than the one whose recorder signed it is refused whole ({@link SignerNode}).
 */
@PermitAll // messages are authenticated by the broker and by EnvelopeGate, not by a caller role
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/" + Destinations.SEGMENTS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class SegmentConsumer implements MessageListener {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private SegmentStore store;

    @Inject
    private NodeName node;

    @Override
    public void onMessage(Message message) {
        gate.admit(message, Destinations.SEGMENTS, SegmentRecordedBatch.TYPE).ifPresent(envelope -> {
            SegmentRecordedBatch batch = MessageCodec.decode(envelope.payload(), SegmentRecordedBatch.class);
            SignerNode.mismatch(envelope.producer(), node.value(), batch).ifPresentOrElse(
                    why -> gate.refuse(envelope, Destinations.SEGMENTS, Rejection.WRONG_NODE, why),
                    () -> store.sealAll(batch));
        });
    }
}
