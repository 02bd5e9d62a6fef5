package org.vigilvms.testkit.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.setup.Passwords;
import org.vigilvms.testkit.run.LocalInstallation;

/**
 * A real OpenID provider for tests: Keycloak's distribution (from Maven Central, run on the newer
 * Java the machine has) on a free loopback port, over HTTPS with a certificate from a CA of its
 * own, with one realm imported at start: a confidential client for Vigil and the users and groups
 * a test names. The ID token carries the user's groups in the claim {@code groups}.
 */
public final class OpenIdProvider implements AutoCloseable {

    /** The realm every test user lives in. */
    public static final String REALM = "vigil-it";
    /** The client Vigil signs users in as. */
    public static final String CLIENT = "vigil";

    /** A user of the provider and the groups the token names. */
    public record User(String name, String password, List<String> groups) {
    }

    private final Process process;
    private final int port;
    private final X509Certificate ca;
    private final String clientSecret;
    private final Path log;

    private OpenIdProvider(Process process, int port, X509Certificate ca, String clientSecret, Path log) {
        this.process = process;
        this.port = port;
        this.ca = ca;
        this.clientSecret = clientSecret;
        this.log = log;
    }

    /**
     * Unpacks Keycloak ({@code zip}) into {@code dir} (once) and starts it with {@code users};
     * {@code redirect} is where the client may send users back (Vigil's {@code /sso/*}). Returns at
     * once: {@link #awaitReady} waits for the realm to answer.
     */
    public static OpenIdProvider start(Path zip, Path dir, Path java, String redirect, List<User> users) {
        try {
            Path home = unpack(zip, dir);
            InternalCa ca = InternalCa.create("test OpenID provider");
            char[] password = Passwords.generate().toCharArray();
            KeyStore keys = ca.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"), password);
            Path keyStore = dir.resolve("provider-tls.p12");
            InternalCa.write(keys, keyStore, password);
            String secret = Passwords.generate();
            // a fresh database each time: an import skips a realm that a previous run left behind
            LocalInstallation.deleteTree(home.resolve("data"));
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.writeString(imports.resolve(REALM + ".json"), realm(secret, redirect, users));
            int port = LocalInstallation.freePort();
            Path log = dir.resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start",
                    "--db=dev-file", "--import-realm", "--http-enabled=false", "--https-port=" + port, "--http-host=127.0.0.1",
                    "--hostname=https://127.0.0.1:" + port, "--https-key-store-file=" + keyStore,
                    "--https-key-store-password=" + new String(password), "--https-key-store-type=PKCS12",
                    "--health-enabled=false", "--metrics-enabled=false", "--cache=local")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m --add-opens=java.base/java.lang=ALL-UNNAMED");
            return new OpenIdProvider(builder.start(), port, ca.certificate(), secret, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the realm publishes its OpenID configuration; fails with the log's tail if it does not in time. */
    public OpenIdProvider awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak did not publish " + REALM + " within " + timeout + ":\n" + logTail());
    }

    /** The issuer Vigil is pointed at. */
    public String issuer() {
        return "https://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public X509Certificate ca() {
        return ca;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path unpack(Path zip, Path dir) throws IOException {
        Path marker = dir.resolve("unpacked");
        Path home;
        if (!Files.exists(marker)) {
            LocalInstallation.deleteTree(dir);
            Files.createDirectories(dir);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("entry outside the folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (var top = Files.list(dir)) {
                home = top.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty " + zip));
            }
            home.resolve("bin/kc.sh").toFile().setExecutable(true);
            Files.writeString(marker, home.getFileName().toString());
        }
        return dir.resolve(Files.readString(marker).trim());
    }

    private static String realm(String secret, String redirect, List<User> users) {
        String groups = users.stream().flatMap(u -> u.groups().stream()).distinct()
                .map(g -> "{\"name\":" + json(g) + "}").collect(Collectors.joining(","));
        String people = users.stream().map(u -> "{\"username\":" + json(u.name()) + ",\"enabled\":true,\"emailVerified\":true,"
                + "\"firstName\":" + json(u.name()) + ",\"lastName\":\"Test\",\"email\":" + json(u.name() + "@it.example") + ","
                + "\"credentials\":[{\"type\":\"password\",\"value\":" + json(u.password()) + ",\"temporary\":false}],"
                + "\"groups\":[" + u.groups().stream().map(g -> json("/" + g)).collect(Collectors.joining(",")) + "]}")
                .collect(Collectors.joining(","));
        return "{\"realm\":" + json(REALM) + ",\"enabled\":true,\"sslRequired\":\"all\",\"groups\":[" + groups + "],"
                + "\"users\":[" + people + "],\"clients\":[{\"clientId\":" + json(CLIENT) + ",\"enabled\":true,"
                + "\"protocol\":\"openid-connect\",\"publicClient\":false,\"clientAuthenticatorType\":\"client-secret\","
                + "\"secret\":" + json(secret) + ",\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,"
                + "\"redirectUris\":[" + json(redirect) + "],"
                + "\"protocolMappers\":[{\"name\":\"groups\",\"protocol\":\"openid-connect\","
                + "\"protocolMapper\":\"oidc-group-membership-mapper\",\"config\":{\"full.path\":\"false\","
                + "\"id.token.claim\":\"true\",\"access.token.claim\":\"true\",\"userinfo.token.claim\":\"true\","
                + "\"claim.name\":\"groups\"}}]}]}";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static SSLContext trusting(X509Certificate ca) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(InternalCa.trustStoreOf(List.of(ca)));
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
