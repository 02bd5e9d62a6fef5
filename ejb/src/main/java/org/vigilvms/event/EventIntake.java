package org.vigilvms.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.analytics.AnalyticsAlert;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.AnalyticsEventBatch;
import org.vigilvms.jms.envelope.JmsEnvelopes;
import org.vigilvms.messaging.EnvelopeGate;

/**
 * One message from analytics, in the transaction of the drain that took it: its envelope must
 * pass {@link EnvelopeGate}, then its event, batch of events or alert goes to {@link EventService}.
 */
@ApplicationScoped
public class EventIntake {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private EventService events;

    public void take(Message message) {
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
