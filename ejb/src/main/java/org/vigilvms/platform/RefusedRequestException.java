package org.vigilvms.platform;

import jakarta.ejb.ApplicationException;

/**
 * A request refused before anything was written, whose audit row must be kept: answered like
 * {@link InvalidRequestException} (400 with the reason), but the caller's transaction still
 * commits, so the refusal's audit row is not rolled back with it.
 */
@ApplicationException(rollback = false)
public class RefusedRequestException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public RefusedRequestException(String message) {
        super(message);
    }
}
