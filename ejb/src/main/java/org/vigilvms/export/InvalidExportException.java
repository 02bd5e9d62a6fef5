package org.vigilvms.export;

import jakarta.ejb.ApplicationException;

/** An export request that cannot be accepted; the message says why, for the person who asked. */
@ApplicationException(rollback = true)
public class InvalidExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidExportException(String message) {
        super(message);
    }
}
