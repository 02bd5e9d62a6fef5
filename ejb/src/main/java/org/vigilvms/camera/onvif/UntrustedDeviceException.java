package org.vigilvms.camera.onvif;

import java.security.cert.X509Certificate;

/**
 * The device presented a certificate the caller's rule refused. The TLS handshake ended there:
 * nothing, not even a signed-in request, was sent on that connection.
 */
public class UntrustedDeviceException extends OnvifException {
    private static final long serialVersionUID = 1L;

    private final X509Certificate presented;

    public UntrustedDeviceException(X509Certificate presented) {
        super("the device presented a certificate that is neither the approved one nor from a trusted camera CA for its host");
        this.presented = presented;
    }

    /** The leaf certificate the device presented. */
    public X509Certificate presented() {
        return presented;
    }
}
