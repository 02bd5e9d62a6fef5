package org.vigilvms.camera;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.vigilvms.evidence.ChainLink;

/** The SHA-256 of a camera's (or a camera CA's) certificate: what an administrator compares and approves. */
public final class CertificateFingerprint {

    private CertificateFingerprint() {
    }

    public static byte[] sha256(X509Certificate certificate) throws IOException {
        try {
            return ChainLink.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException("unreadable certificate: " + e.getMessage(), e);
        }
    }
}
