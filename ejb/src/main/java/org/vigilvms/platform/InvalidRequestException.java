package org.vigilvms.platform;

import jakarta.ejb.ApplicationException;

/** A camera request that cannot be accepted; the message says why, for the person who sent it. */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
