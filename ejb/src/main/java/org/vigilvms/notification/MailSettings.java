package org.vigilvms.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.vigilvms.platform.Pem;

/**
 * How Vigil reaches its SMTP server, as the setup tool wrote it ({@code VigilSetup --smtp}):
 * the host and port the mail subsystem connects to ({@code vigil.smtp.host}, {@code .port}, in
 * 75-mail.cli), the account it signs in with ({@code vigil.smtp.user}, password in the credential
 * store as {@code smtp-password}) and the SMTP server's own CA ({@code tls/smtp-ca.pem}; without
 * it the JVM's CAs). No host: e-mail is not configured and no rule can send any.
 */
record MailSettings(String host, String user, X509Certificate ca) {

    static final String CA_FILE = "tls/smtp-ca.pem";

    static Optional<MailSettings> fromSystemProperties() {
        String host = System.getProperty("vigil.smtp.host");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String user = System.getProperty("vigil.smtp.user");
        return Optional.of(new MailSettings(host, user == null || user.isBlank() ? null : user,
                ca(Path.of(System.getProperty("vigil.home", ".")).resolve(CA_FILE))));
    }

    private static X509Certificate ca(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Pem.certificate(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SMTP server's CA " + file, e);
        }
    }
}
