package org.vigilvms.camera;

import jakarta.ejb.ApplicationException;

/** A camera request that cannot be accepted; the message says why, for the person who sent it. */
@ApplicationException(rollback = true)
public class InvalidCameraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCameraException(String message) {
        super(message);
    }
}
