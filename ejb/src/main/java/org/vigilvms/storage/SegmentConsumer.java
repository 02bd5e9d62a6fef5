package org.vigilvms.storage;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.messaging.EnvelopeGate;

/**
 * The storage service receiving finished segments from the recorder; connects as svc-storage
 * (jboss-ejb3.xml). Four sessions seal in parallel; the recorder sends each camera's segments in
 * the camera's message group ({@link Destinations#cameraGroup}), which the broker delivers in
 * order to one session, so each camera's chain still grows in recording order.
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

    @Override
    public void onMessage(Message message) {
        gate.admit(message, Destinations.SEGMENTS, SegmentRecorded.TYPE).ifPresent(envelope ->
                store.seal(MessageCodec.decode(envelope.payload(), SegmentRecorded.class)));
    }
}
