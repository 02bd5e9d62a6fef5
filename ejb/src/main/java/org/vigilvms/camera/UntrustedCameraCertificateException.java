package org.vigilvms.camera;

import jakarta.ejb.ApplicationException;

/**
 * A camera presented a certificate that is neither the approved one nor from a trusted camera CA
 * for its host, so nothing was sent to it. Already audited by the service that refused; the
 * transaction commits so that the audit row stays (nothing else was written before).
 */
@ApplicationException(rollback = false)
public class UntrustedCameraCertificateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String presentedSha256;

    public UntrustedCameraCertificateException(String message, String presentedSha256) {
        super(message);
        this.presentedSha256 = presentedSha256;
    }

    /** SHA-256 (hex) of the certificate the camera presented: what an administrator compares with the camera's own. */
    public String presentedSha256() {
        return presentedSha256;
    }
}
