package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.jms.envelope.JmsEnvelopes;
import org.vigilvms.platform.NodeRoles;

/**
 * Sends a message as one in-server service: sealed with that service's key and sent over that
 * service's own connection factory, so the broker checks its rights to the destination too. On a
 * node without the management role, what the management server consumes goes to the node's
 * outbox, which the broker bridges to the management node ({@link NodeRoles#queueFor}).
 * Joins the caller's transaction: the message leaves only if the caller commits. Without one
 * (the recorder's ingest threads) it is sent at once, and the send returns when the broker has
 * stored it: a transaction of its own per segment would only add a commit round trip.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SignedSender {

    /** JNDI names to resources; they stay bound while the application is deployed. */
    private static final ConcurrentHashMap<String, Object> RESOURCES = new ConcurrentHashMap<>();

    @Inject
    private ServiceKeyring keyring;

    @Inject
    private NodeRoles roles;

    public Envelope send(ServiceIdentity as, String destination, String type, Record payload) {
        return send(as, destination, type, payload, null);
    }

    /** As {@link #send(ServiceIdentity, String, String, Record)}, in message group {@code group} (delivered in order to one consumer). */
    public Envelope send(ServiceIdentity as, String destination, String type, Record payload, String group) {
        Envelope envelope = keyring.signer(as).seal(destination, type, MessageCodec.encode(payload));
        ConnectionFactory factory = lookup(as.connectionFactoryJndiName());
        Queue queue = lookup(Destinations.jndiName(roles.queueFor(destination)));
        try (JMSContext context = factory.createContext()) {
            Message message = JmsEnvelopes.toMessage(context, envelope);
            if (group != null) {
                message.setStringProperty("JMSXGroupID", group);
            }
            context.createProducer().send(queue, message);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set the message group " + group, e);
        }
        return envelope;
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) {
        return (T) RESOURCES.computeIfAbsent(name, n -> {
            try {
                return InitialContext.doLookup(n);
            } catch (NamingException e) {
                throw new IllegalStateException("JMS resource " + n + " not bound: " + e.getMessage(), e);
            }
        });
    }
}
