package org.vigilvms.tools;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.setup.SecretStore;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.VigilHome;

/** TLS contexts that trust exactly one installation's CA, optionally with a client certificate. */
public final class ClientTls {

    private ClientTls() {
    }

    public static X509Certificate caCertificate(VigilHome home) {
        try (InputStream in = Files.newInputStream(home.caCertificatePem())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + home.caCertificatePem() + ": " + e.getMessage(), e);
        }
    }

    /** Trusts the installation's CA and nothing else. */
    public static SSLContext trustingInstallation(VigilHome home) {
        return context(home, null, null);
    }

    /** Trusts the installation's CA and presents {@code clientKeyStore}. */
    public static SSLContext withClientCertificate(VigilHome home, KeyStore clientKeyStore, char[] password) {
        return context(home, clientKeyStore, password);
    }

    /** An HTTP client for the installation's HTTPS listener; never follows redirects on its own. */
    public static HttpClient httpClient(VigilHome home) {
        return HttpClient.newBuilder().sslContext(trustingInstallation(home))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Issues a client certificate for {@code commonName} from the installation's CA. */
    public static KeyStore issueClientCertificate(VigilHome home, SecretStore secrets, String commonName,
                                                  char[] password) {
        return ServerSetup.certificateAuthority(home, secrets).issueClient(commonName, password);
    }

    /** Writes a key store to a file (for clients that take a path, like Artemis). */
    public static Path write(KeyStore store, Path file, char[] password) {
        InternalCa.write(store, file, password);
        return file;
    }

    private static SSLContext context(VigilHome home, KeyStore keys, char[] password) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("vigil-ca", caCertificate(home));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (keys != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
