package org.vigilvms.security;

import jakarta.ejb.ApplicationException;

/**
 * The caller lacks a right. Not rolled back: nothing was changed yet, and the audit row of the
 * refusal must be kept.
 */
@ApplicationException(rollback = false)
public class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
