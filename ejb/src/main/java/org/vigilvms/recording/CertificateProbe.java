package org.vigilvms.recording;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
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
        return sha256(chain(rtspsUrl)[0]);
    }

    public static byte[] sha256(X509Certificate certificate) throws IOException {
        try {
            return org.vigilvms.storage.SegmentCrypto.sha256(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** The certificate chain presented at {@code rtspsUrl}, leaf first (looked at, not trusted). */
    public static X509Certificate[] chain(String rtspsUrl) throws IOException {
        URI uri = URI.create(rtspsUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : 322;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {LOOK_ONLY}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
                socket.setSoTimeout(5000);
                socket.startHandshake();
                return java.util.Arrays.stream(socket.getSession().getPeerCertificates()).map(X509Certificate.class::cast)
                        .toArray(X509Certificate[]::new);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS handshake with the camera failed: " + e.getMessage(), e);
        }
    }
}
