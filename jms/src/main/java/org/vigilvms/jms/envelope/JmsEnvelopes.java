package org.vigilvms.jms.envelope;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Base64;

/**
 * Maps an {@link Envelope} to a JMS {@link BytesMessage} and back: the payload is the body, the
 * envelope fields are message properties.
 */
public final class JmsEnvelopes {

    static final String DESTINATION = "vigilDestination";
    static final String TYPE = "vigilType";
    static final String PRODUCER = "vigilProducer";
    static final String EPOCH = "vigilEpoch";
    static final String SEQUENCE = "vigilSequence";
    static final String SENT_AT_MS = "vigilSentAtMs";
    static final String SIGNATURE = "vigilSignature";

    /** Largest payload a consumer will read; anything bigger is malformed (T-DOS). */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private JmsEnvelopes() {
    }

    public static BytesMessage toMessage(JMSContext context, Envelope envelope) {
        BytesMessage message = context.createBytesMessage();
        try {
            message.setStringProperty(DESTINATION, envelope.destination());
            message.setStringProperty(TYPE, envelope.type());
            message.setStringProperty(PRODUCER, envelope.producer());
            message.setStringProperty(EPOCH, envelope.epoch());
            message.setLongProperty(SEQUENCE, envelope.sequence());
            message.setLongProperty(SENT_AT_MS, envelope.sentAtMs());
            message.setStringProperty(SIGNATURE, Base64.getEncoder().encodeToString(envelope.signature()));
            message.writeBytes(envelope.payload());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build JMS message for " + envelope, e);
        }
        return message;
    }

    /** The producer a message claims to come from, for logging a rejection; "?" when absent. */
    public static String claimedProducer(Message message) {
        try {
            String producer = message.getStringProperty(PRODUCER);
            return producer == null ? "?" : producer;
        } catch (JMSException e) {
            return "?";
        }
    }

    /**
     * The type a message claims, to pick the record a consumer of several types expects; the
     * envelope's verification still decides ("?" when absent).
     */
    public static String claimedType(Message message) {
        try {
            String type = message.getStringProperty(TYPE);
            return type == null ? "?" : type;
        } catch (JMSException e) {
            return "?";
        }
    }

    public static Envelope fromMessage(Message message) throws MalformedEnvelopeException {
        if (!(message instanceof BytesMessage bytesMessage)) {
            throw new MalformedEnvelopeException("not a BytesMessage: " + message.getClass().getSimpleName());
        }
        try {
            long length = bytesMessage.getBodyLength();
            if (length > MAX_PAYLOAD_BYTES) {
                throw new MalformedEnvelopeException("payload of " + length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
            }
            byte[] payload = new byte[(int) length];
            bytesMessage.readBytes(payload);
            String signature = required(message, SIGNATURE);
            return new Envelope(required(message, DESTINATION), required(message, TYPE), required(message, PRODUCER),
                    required(message, EPOCH), requiredLong(message, SEQUENCE), requiredLong(message, SENT_AT_MS),
                    payload, Base64.getDecoder().decode(signature));
        } catch (JMSException | IllegalArgumentException e) {
            throw new MalformedEnvelopeException("unreadable envelope: " + e.getMessage());
        }
    }

    private static String required(Message message, String name) throws JMSException, MalformedEnvelopeException {
        String value = message.getStringProperty(name);
        if (value == null || value.isEmpty()) {
            throw new MalformedEnvelopeException("missing property " + name);
        }
        return value;
    }

    private static long requiredLong(Message message, String name) throws JMSException, MalformedEnvelopeException {
        if (!message.propertyExists(name)) {
            throw new MalformedEnvelopeException("missing property " + name);
        }
        return message.getLongProperty(name);
    }
}
