package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.function.Consumer;

/**
 * Takes a batch of messages off a queue in one transaction: the messages are acknowledged, and
 * what their processing wrote is committed, together and once (one XA commit for the batch
 * instead of one per message). If processing any of them throws, the whole batch is rolled back
 * and stays on the queue.
 */
@PermitAll // internal service: not exposed to users; callers are the drain loops of consumers
@Stateless
public class QueueDrain {

    /**
     * Waits up to {@code waitMs} for a first message, then takes whatever else is waiting, up to
     * {@code most} in all, handing each to {@code handler} in the order received; returns how many.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int drain(ConnectionFactory factory, Queue queue, int most, long waitMs, Consumer<Message> handler) {
        try (JMSContext context = factory.createContext(); JMSConsumer consumer = context.createConsumer(queue)) {
            int taken = 0;
            Message message = consumer.receive(waitMs);
            while (message != null) {
                handler.accept(message);
                taken++;
                message = taken < most ? consumer.receiveNoWait() : null;
            }
            return taken;
        }
    }
}
