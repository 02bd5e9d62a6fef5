package org.vigilvms.analytics;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.messaging.EnvelopeGate;

/** The analytics service receiving its configuration from management (as svc-analytics, jboss-ejb3.xml). */
@PermitAll // messages are authenticated by the broker and by EnvelopeGate, not by a caller role
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/" + Destinations.ANALYTICS_CONFIG),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class AnalyticsConfigConsumer implements MessageListener {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private AnalyticsEngine engine;

    @Override
    public void onMessage(Message message) {
        gate.admit(message, Destinations.ANALYTICS_CONFIG, AnalyticsConfiguration.TYPE).ifPresent(envelope ->
                engine.apply(MessageCodec.decode(envelope.payload(), AnalyticsConfiguration.class)));
    }
}
