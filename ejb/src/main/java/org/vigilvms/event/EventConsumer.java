package org.vigilvms.event;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.analytics.AnalyticsAlert;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.AnalyticsEventBatch;
import org.vigilvms.jms.envelope.JmsEnvelopes;
import org.vigilvms.messaging.EnvelopeGate;

/** Management receiving analytics' event and alert metadata (as svc-management, jboss-ejb3.xml). */
@PermitAll // messages are authenticated by the broker and by EnvelopeGate, not by a caller role
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/" + Destinations.ANALYTICS_EVENTS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class EventConsumer implements MessageListener {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private EventService events;

    @Override
    public void onMessage(Message message) {
        String type = JmsEnvelopes.claimedType(message);
        String expected = AnalyticsAlert.TYPE.equals(type) || AnalyticsEventBatch.TYPE.equals(type) ? type : AnalyticsEvent.TYPE;
        gate.admit(message, Destinations.ANALYTICS_EVENTS, expected).ifPresent(envelope -> {
            if (expected.equals(AnalyticsAlert.TYPE)) {
                events.ingest(envelope.producer(), MessageCodec.decode(envelope.payload(), AnalyticsAlert.class));
            } else if (expected.equals(AnalyticsEventBatch.TYPE)) {
                events.ingest(envelope.producer(), MessageCodec.decode(envelope.payload(), AnalyticsEventBatch.class));
            } else {
                events.ingest(envelope.producer(), MessageCodec.decode(envelope.payload(), AnalyticsEvent.class));
            }
        });
    }
}
