package org.vigilvms.testkit.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.tools.PemText;

/**
 * A company's SMTP server for tests: Debian's aiosmtpd on a free loopback port, with a
 * certificate from a CA of its own, refusing everything before STARTTLS and every message
 * without AUTH as its one account; it keeps what it accepts ({@link #await}).
 */
public final class SmtpReceiver implements AutoCloseable {

    /** A message as the server accepted it: the envelope, whether TLS and AUTH were in force, the raw text. */
    public record Received(String mailFrom, List<String> rcptTos, boolean tls, boolean authenticated, String message) {
    }

    private final Process process;
    private final Path out;
    private final int port;
    private final X509Certificate ca;

    private SmtpReceiver(Process process, Path out, int port, X509Certificate ca) {
        this.process = process;
        this.out = out;
        this.port = port;
        this.ca = ca;
    }

    /** Starts the server in {@code dir} (its keys, script and the messages it keeps) with one account. */
    public static SmtpReceiver start(Path dir, String user, String password) {
        try {
            Files.createDirectories(dir);
            InternalCa smtpCa = InternalCa.create("test SMTP server");
            char[] keyPassword = "smtp".toCharArray();
            KeyStore server = smtpCa.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"), keyPassword);
            Files.writeString(dir.resolve("server.pem"), PemText.of("CERTIFICATE", server.getCertificate("server").getEncoded()));
            Files.writeString(dir.resolve("server.key"), PemText.of("PRIVATE KEY", server.getKey("server", keyPassword).getEncoded()));
            Path script = dir.resolve("smtp_receiver.py");
            try (InputStream in = SmtpReceiver.class.getResourceAsStream("smtp_receiver.py")) {
                Files.write(script, in.readAllBytes());
            }
            Path out = dir.resolve("received");
            if (Files.isDirectory(out)) {
                try (Stream<Path> old = Files.list(out)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", script.toString(), "--cert",
                    dir.resolve("server.pem").toString(), "--key", dir.resolve("server.key").toString(), "--out", out.toString(),
                    "--user", user).redirectError(dir.resolve("smtp_receiver.err").toFile());
            builder.environment().put("SMTP_RECEIVER_PASSWORD", password);
            Process process = builder.start();
            String ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                process.destroy();
                throw new IOException("it did not start: " + Files.readString(dir.resolve("smtp_receiver.err")).strip());
            }
            return new SmtpReceiver(process, out, Integer.parseInt(ready.substring(6).strip()), smtpCa.certificate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test SMTP server (apt-get install python3-aiosmtpd): "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The CA the server's certificate comes from. */
    public X509Certificate ca() {
        return ca;
    }

    /** Every message kept so far, in the order received. */
    public List<Received> received() {
        try (Stream<Path> files = Files.list(out)) {
            List<Received> messages = new ArrayList<>();
            for (Path meta : files.filter(f -> f.getFileName().toString().endsWith(".meta"))
                    .sorted(Comparator.comparingInt(SmtpReceiver::number)).toList()) {
                Properties envelope = new Properties();
                try (BufferedReader in = Files.newBufferedReader(meta)) {
                    envelope.load(in);
                }
                String eml = Files.readString(meta.resolveSibling(number(meta) + ".eml"));
                messages.add(new Received(envelope.getProperty("mailFrom"), List.of(envelope.getProperty("rcptTos").split(",")),
                        Boolean.parseBoolean(envelope.getProperty("tls").toLowerCase()),
                        Boolean.parseBoolean(envelope.getProperty("authenticated").toLowerCase()), eml));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first kept message that {@code wanted} accepts, waiting for it until {@code timeout}. */
    public Received await(Predicate<Received> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Received> found = Files.isDirectory(out) ? received().stream().filter(wanted).findFirst() : Optional.empty();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no such message within " + timeout + "; kept: " + received());
            }
            Thread.sleep(100);
        }
    }

    private static int number(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.indexOf('.')));
    }

    @Override
    public void close() {
        process.destroy();
    }
}
