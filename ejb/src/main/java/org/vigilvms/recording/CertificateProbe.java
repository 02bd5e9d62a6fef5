package org.vigilvms.recording;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate an RTSPS camera presents (TLS handshake only), so the recorder can judge
 * it against the approved pin before it records. Trust is decided by the pin, not by a CA here,
 * which is why this handshake accepts any chain: it only looks.
 */
public final class CertificateProbe {

    private static final TrustManager LOOK_ONLY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // judged by the pin afterwards
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private CertificateProbe() {
    }

    /** SHA-256 of the leaf certificate presented at {@code rtspsUrl}. */
    public static byte[] fingerprint(String rtspsUrl) throws IOException {
        URI uri = URI.create(rtspsUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : 322;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {LOOK_ONLY}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
                socket.setSoTimeout(5000);
                socket.startHandshake();
                X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                return MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS handshake with the camera failed: " + e.getMessage(), e);
        }
    }
}
