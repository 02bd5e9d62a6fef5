package org.vigilvms.jms.envelope;

/** A JMS message that does not carry a readable Vigil envelope. */
public class MalformedEnvelopeException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
