package org.vigilvms.health;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.heartbeat.ServiceHeartbeat;
import org.vigilvms.messaging.EnvelopeGate;

/**
 * The management service receiving heartbeats. Connects as svc-management (resource adapter
 * binding in jboss-ejb3.xml); only turns an admitted message into a service call.
 */
@PermitAll // messages are authenticated by the broker and by EnvelopeGate, not by a caller role
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/" + Destinations.HEARTBEAT),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class HeartbeatConsumer implements MessageListener {

    @Inject
    private EnvelopeGate gate;

    @Inject
    private HeartbeatService heartbeats;

    @Override
    public void onMessage(Message message) {
        gate.admit(message, Destinations.HEARTBEAT, ServiceHeartbeat.TYPE).ifPresent(envelope ->
                heartbeats.record(envelope.producer(), envelope.sentAtMs(),
                        MessageCodec.decode(envelope.payload(), ServiceHeartbeat.class)));
    }
}
