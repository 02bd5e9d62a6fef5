package org.vigilvms.testkit.siem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.tools.PemText;

/**
 * A SIEM's syslog receiver for tests: Debian's rsyslog (imtcp with the GnuTLS driver) listening
 * for syslog over TLS (RFC 5425, octet-counted frames) on a free loopback port, with a server
 * certificate from a CA of its own, and writing every message it receives, one per line, to a
 * file the tests read. Needs the packages {@code rsyslog} and {@code rsyslog-gnutls}; without
 * them it fails to start (never skipped).
 */
public final class TlsSyslogServer implements AutoCloseable {

    private final Process rsyslogd;
    private final Path received;
    private final int port;
    private final X509Certificate ca;

    private TlsSyslogServer(Process rsyslogd, Path received, int port, X509Certificate ca) {
        this.rsyslogd = rsyslogd;
        this.received = received;
        this.port = port;
        this.ca = ca;
    }

    /** Starts rsyslogd in {@code dir} (its configuration, keys, work files and the received messages). */
    public static TlsSyslogServer start(Path dir) {
        try {
            Files.createDirectories(dir);
            InternalCa siemCa = InternalCa.create("test SIEM");
            char[] password = "siem".toCharArray();
            KeyStore server = siemCa.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"), password);
            Files.writeString(dir.resolve("ca.pem"), PemText.of("CERTIFICATE", siemCa.certificate().getEncoded()));
            Files.writeString(dir.resolve("server.pem"), PemText.of("CERTIFICATE", server.getCertificate("server").getEncoded()));
            Files.writeString(dir.resolve("server.key"), PemText.of("PRIVATE KEY", withPublicKey((ECPrivateKey) server.getKey("server", password),
                    server.getCertificate("server").getPublicKey())));
            int port = freePort();
            Path received = dir.resolve("received.log");
            Files.deleteIfExists(received);
            stopLeftOver(dir.resolve("rsyslogd.pid"));
            Files.writeString(dir.resolve("rsyslog.conf"), String.join("\n",
                    "global(workDirectory=\"" + dir + "\" DefaultNetstreamDriver=\"gtls\""
                            + " DefaultNetstreamDriverCAFile=\"" + dir.resolve("ca.pem") + "\""
                            + " DefaultNetstreamDriverCertFile=\"" + dir.resolve("server.pem") + "\""
                            + " DefaultNetstreamDriverKeyFile=\"" + dir.resolve("server.key") + "\")",
                    "module(load=\"imtcp\" StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\")",
                    "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\")",
                    "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")",
                    "action(type=\"omfile\" file=\"" + received + "\" template=\"raw\")", ""));
            Process process = new ProcessBuilder("rsyslogd", "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                    "-i", dir.resolve("rsyslogd.pid").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
            TlsSyslogServer started = new TlsSyslogServer(process, received, port, siemCa.certificate());
            try {
                started.awaitListening(Duration.ofSeconds(20));
            } catch (IOException e) {
                started.close(); // never leave a receiver behind that the next run would trip over
                throw new IOException(e.getMessage() + ": " + Files.readString(dir.resolve("rsyslogd.out")).strip(), e);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start rsyslogd (apt-get install rsyslog rsyslog-gnutls): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A receiver an earlier run left behind (its JVM was killed): stopped, so that this one can start. */
    private static void stopLeftOver(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).strip();
        if (pid.matches("\\d{1,10}")) {
            ProcessHandle.of(Long.parseLong(pid)).filter(p -> p.info().command().map(c -> c.endsWith("rsyslogd")).orElse(false))
                    .ifPresent(ProcessHandle::destroy);
        }
        Files.delete(pidFile);
    }

    /** Polls a plain connect until rsyslogd accepts (it closes the probe for want of TLS; that is fine). */
    private void awaitListening(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!rsyslogd.isAlive()) {
                throw new IOException("rsyslogd exited with " + rsyslogd.exitValue());
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for rsyslogd", e);
                }
            }
        }
        throw new IOException("rsyslogd did not listen on " + port + " within " + timeout);
    }

    /**
     * The key as PKCS#8 whose inner EC key names its public point too: the JDK leaves it out,
     * and GnuTLS (rsyslog's TLS) refuses a key without it.
     */
    private static byte[] withPublicKey(ECPrivateKey key, PublicKey publicKey) throws IOException {
        PrivateKeyInfo minimal = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(
                key.getParams().getOrder().bitLength(), key.getS(),
                SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData(), null);
        return new PrivateKeyInfo(minimal.getPrivateKeyAlgorithm(), inner).getEncoded();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The CA the receiver's certificate comes from: what the installation is told to trust for its SIEM. */
    public X509Certificate ca() {
        return ca;
    }

    /** The file holding every message received so far, one per line (what an auditor exports from the SIEM). */
    public Path receivedFile() {
        return received;
    }

    /** Every message received so far. */
    public List<String> messages() {
        try {
            return Files.exists(received) ? Files.readAllLines(received, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        rsyslogd.destroy();
        try {
            if (!rsyslogd.waitFor(10, TimeUnit.SECONDS)) {
                rsyslogd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rsyslogd.destroyForcibly();
        }
    }
}
