package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.jms.envelope.JmsEnvelopes;

/**
 * Sends a message as one in-server service: sealed with that service's key and sent over that
 * service's own connection factory, so the broker checks its rights to the destination too.
 * Joins the caller's transaction: the message leaves only if the caller commits.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class SignedSender {

    @Inject
    private ServiceKeyring keyring;

    public Envelope send(ServiceIdentity as, String destination, String type, Record payload) {
        return send(as, destination, type, payload, null);
    }

    /** As {@link #send(ServiceIdentity, String, String, Record)}, in message group {@code group} (delivered in order to one consumer). */
    public Envelope send(ServiceIdentity as, String destination, String type, Record payload, String group) {
        Envelope envelope = keyring.signer(as).seal(destination, type, MessageCodec.encode(payload));
        ConnectionFactory factory = lookup(as.connectionFactoryJndiName());
        Queue queue = lookup(Destinations.jndiName(destination));
        try (JMSContext context = factory.createContext()) {
            jakarta.jms.Message message = JmsEnvelopes.toMessage(context, envelope);
            if (group != null) {
                message.setStringProperty("JMSXGroupID", group);
            }
            context.createProducer().send(queue, message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot set the message group " + group, e);
        }
        return envelope;
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) {
        try {
            return (T) InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("JMS resource " + name + " not bound: " + e.getMessage(), e);
        }
    }
}
