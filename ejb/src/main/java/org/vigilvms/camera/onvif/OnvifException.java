package org.vigilvms.camera.onvif;

import jakarta.ejb.ApplicationException;

/** An ONVIF exchange that failed; the message says how, for the administrator. */
@ApplicationException(rollback = true)
public class OnvifException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnvifException(String message) {
        super(message);
    }
}
