package org.vigilvms.platform;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for an outgoing connection to a peer with a CA of its own (a webhook receiver, the SMTP server, the directory). */
public final class TlsTrust {

    private TlsTrust() {
    }

    /** A client context trusting {@code ca} only, or the JVM's CAs when it is null. */
    public static SSLContext trusting(X509Certificate ca) throws GeneralSecurityException, IOException {
        if (ca == null) {
            return SSLContext.getDefault();
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("peer-ca", ca);
        return trusting(anchors);
    }

    /** A client context trusting the certificates of {@code anchors} only. */
    public static SSLContext trusting(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
