package org.vigilvms.setup;

/** The setup cannot go on; the message says what and where, for the person running it. */
public class SetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
