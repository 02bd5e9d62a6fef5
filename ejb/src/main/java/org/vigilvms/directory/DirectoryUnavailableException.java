package org.vigilvms.directory;

import jakarta.ejb.ApplicationException;

/** The directory could not be reached or did not answer; the message says what happened. */
@ApplicationException(rollback = true)
public class DirectoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message) {
        super(message);
    }
}
