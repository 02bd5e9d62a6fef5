package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.tools.ClientTls;

/**
 * The foundation as a client sees it: the EAR deployed on the configured server, the schema
 * migrated by Flyway, health UP over HTTPS, plain HTTP only redirecting, weak TLS refused, and
 * no default password.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FoundationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void healthIsUpOverHttpsWithDatabaseBrokerAndStorage() throws Exception {
        HttpResponse<String> open = VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        assertEquals(200, open.statusCode(), open.body());
        assertEquals("{\"status\":\"UP\"}", open.body(), "without sign-in: up or down and nothing else");
        HttpResponse<String> response = VigilDeployment.get(VigilDeployment.signedIn("admin", VigilDeployment.adminPassword()),
                "/api/v1/health/details");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", report.getString("status"));
        Set<String> upChecks = new TreeSet<>();
        for (JsonValue check : report.getJsonArray("checks")) {
            JsonObject c = check.asJsonObject();
            assertEquals("UP", c.getString("status"), c.toString());
            upChecks.add(c.getString("name"));
        }
        assertEquals(Set.of("broker", "database", "storage", "video", "cameras"), upChecks);
        assertTrue(report.toString().contains("signed heartbeat round trip"), report.toString());
    }

    @Test
    void plainHttpOnlyRedirectsToHttps() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/api/v1/health", "/index.xhtml?camera=1", "/")) {
            HttpResponse<String> response = plain.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:8080" + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, response.statusCode(), path);
            assertEquals("https://localhost:8443" + path, response.headers().firstValue("Location").orElse(""), path);
            assertTrue(response.body().isEmpty(), "no content over plain HTTP for " + path);
        }
        HttpResponse<String> post = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, post.statusCode(), "credentials over plain HTTP are never processed");
    }

    @Test
    void theContainerLoginEndpointIsClosedSoEveryAttemptPassesTheGuard() throws Exception {
        HttpResponse<String> direct = VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE
                        + "/j_security_check")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password=" + VigilDeployment.generatedAdminPassword())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, direct.statusCode());
        assertFalse(direct.headers().firstValue("Set-Cookie").orElse("").contains("JSESSIONID"), "no session handed out");
    }

    @Test
    void theRestApiDescribesItselfInOpenApi() throws Exception {
        HttpResponse<String> response = VigilDeployment.https().send(HttpRequest.newBuilder(
                URI.create(VigilDeployment.BASE + "/openapi?format=JSON")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String description = response.body();
        assertTrue(description.matches("(?s).*\"openapi\"\\s*:\\s*\"3\\..*"), "an OpenAPI 3 document");
        assertTrue(description.contains("Vigil VMS API"), "titled");
        for (String path : List.of("/api/v1/cameras", "/api/v1/cameras/{id}/snapshot", "/api/v1/cameras/{id}/recordings",
                "/api/v1/cameras/{id}/live", "/api/v1/views", "/api/v1/exports", "/api/v1/alarms", "/api/v1/storage/volumes")) {
            assertTrue(description.contains("\"" + path + "\""), "describes " + path);
        }
    }

    @Test
    void httpsSendsSecurityHeaders() throws Exception {
        HttpResponse<String> response = VigilDeployment.https().send(
                HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
        // a console page: PrimeFaces' policy with this response's nonce for its own scripts, and the
        // server's own that holds whatever the page (a browser enforces both)
        List<String> policies = response.headers().allValues("Content-Security-Policy");
        String page = policies.stream().filter(p -> p.contains("script-src")).findFirst().orElse("none in " + policies);
        Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=_-]{16,})';$").matcher(page);
        assertTrue(nonce.find() && page.contains("default-src 'self';") && page.contains("frame-ancestors 'none'")
                && page.contains("object-src 'none'"), "scripts only from the console or with this page's nonce: " + page);
        assertTrue(policies.stream().anyMatch(p -> !p.contains("script-src") && p.contains("object-src 'none'")
                && p.contains("frame-ancestors 'none'")), "the server's own policy too: " + policies);
        assertFalse(String.join(" ", policies).contains("unsafe-eval"), policies.toString());
        assertFalse(page.substring(page.indexOf("script-src")).contains("unsafe-inline"), page);
        assertTrue(response.body().contains("nonce=\"" + nonce.group(1) + "\""), "the page's scripts carry the nonce");
        String again = VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).headers().allValues("Content-Security-Policy").toString();
        assertFalse(again.contains(nonce.group(1)), "a fresh nonce per response");
        // everything else (API, scripts, media): the static policy, no inline script at all
        HttpResponse<String> api = VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE
                + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors 'none'"), api.headers().allValues("Content-Security-Policy"));
    }

    @Test
    void flywayHistoryHoldsEveryMigrationOfTheBuild() throws Exception {
        Set<String> shipped = shippedMigrationVersions();
        assertFalse(shipped.isEmpty());
        Set<String> applied = new TreeSet<>();
        try (Connection c = VigilDeployment.database(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean("success"), "migration " + rs.getString("version") + " failed");
                applied.add(rs.getString("version"));
            }
        }
        assertEquals(shipped, applied);
    }

    @Test
    void tlsRefusesLegacyCipherSuitesAndAcceptsModernOnes() throws Exception {
        SSLContext context = ClientTls.trustingInstallation(VigilTestEnvironment.installation().home());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", 8443)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256"});
            assertThrows(SSLHandshakeException.class, socket::startHandshake);
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", 8443)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"});
            socket.startHandshake();
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", socket.getSession().getCipherSuite());
        }
    }

    @Test
    void consoleNeedsLoginAndThereIsNoDefaultPassword() throws Exception {
        HttpClient client = VigilDeployment.https();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/index.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("action=\"/login\""), "login form instead of the console");
        assertTrue(page.body().contains("name=\"back\" value=\"/index.xhtml\""), "the page asked for rides along: " + page.body());
        assertFalse(page.body().contains("System health"));

        for (String guess : List.of("admin", "password", "changeme", "vigil")) {
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + guess)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(login.body().contains("login-failed") || login.statusCode() == 302 && login.headers()
                    .firstValue("Location").orElse("").contains("login-error"), "guess " + guess + " was accepted");
        }
        try (Connection c = VigilDeployment.database(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash, must_change_password FROM app_user WHERE username = 'admin'")) {
            assertTrue(rs.next(), "first administrator created at first start");
            assertTrue(rs.getString(1).startsWith("$2a$12$"), "bcrypt, cost 12");
            assertTrue(rs.getBoolean(2) || count("SELECT count(*) FROM audit_event WHERE action = 'password.changed' "
                    + "AND actor = 'admin'") == 1, "generated password must be changed (or was, by the tests' first sign-in)");
        }
    }

    @Test
    void aOneTimePasswordServesOnlyToChooseANewOne() throws Exception {
        // a second administrator with a one-time password, made the way the first one is made
        String oneTime = "OneTime-" + UUID.randomUUID();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try (Connection c = VigilDeployment.database(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO app_user (username, password_hash, must_change_password) VALUES ('breakglass', '"
                    + OpenBSDBCrypt.generate("2a", oneTime.toCharArray(), salt, 12) + "', true)");
            s.executeUpdate("INSERT INTO app_user_role (user_id, role) SELECT id, 'admin' FROM app_user WHERE username = 'breakglass'");
        }
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.trustingInstallation(VigilTestEnvironment.installation().home()))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = form(client, "/login", "username=breakglass&password=" + oneTime);
        assertTrue(page.body().contains("id=\"password-change\""), "sent to choose a password");
        HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, api.statusCode(), "nothing else before the change");
        assertTrue(client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/index.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("id=\"password-change\""));

        assertTrue(form(client, "/account/password", "current=" + oneTime + "&next=short&confirm=short").body()
                .contains("12 to 256"), "policy: length");
        assertTrue(form(client, "/account/password", "current=" + oneTime + "&next=breakglass-2026-long&confirm=breakglass-2026-long")
                .body().contains("user name"), "policy: not the user name");
        HttpResponse<String> done = form(client, "/account/password", "current=" + oneTime
                + "&next=Quartz-Window-2026&confirm=Quartz-Window-2026");
        assertTrue(done.body().contains("Signed in as"), done.body());
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(1, count("SELECT count(*) FROM app_user WHERE username = 'breakglass' AND NOT must_change_password"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'password.changed' AND actor = 'breakglass'"));

        HttpClient again = HttpClient.newBuilder()
                .sslContext(ClientTls.trustingInstallation(VigilTestEnvironment.installation().home()))
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        assertTrue(form(again, "/login", "username=breakglass&password=" + oneTime).body().contains("login-failed"),
                "the one-time password is gone");
        assertTrue(form(again, "/login", "username=breakglass&password=Quartz-Window-2026").body().contains("Signed in as"));
    }

    private static HttpResponse<String> form(HttpClient client, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = VigilDeployment.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theFirstAdministratorsOneTimePasswordIsKeptOwnerOnlyAndNeverLogged() throws Exception {
        String generated = VigilDeployment.generatedAdminPassword();
        assertEquals("rw-------", VigilDeployment.generatedAdminPasswordFilePermissions());
        VigilDeployment.adminPassword(); // the first sign-in replaces it, as a person would
        try (var logs = Files.walk(Path.of(System.getProperty("vigil.it.dir"), "it-server", "log"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(log, StandardCharsets.ISO_8859_1).contains(generated),
                        "the one-time password is in " + log);
            }
        }
        assertFalse(Files.exists(VigilTestEnvironment.installation().home().bootstrapDir()
                .resolve("admin.password")), "the file is gone once the password was changed");
    }

    @Test
    void deploymentLogsNoWarningOrErrorFromVigil() throws IOException {
        List<String> problems = VigilDeployment.serverLog().lines()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                .filter(l -> l.toLowerCase().contains("vigil"))
                .filter(l -> !l.contains("VIGIL00300") && !l.contains("VIGIL00201"))
                // WildFly's Artemis integration logs at WARN each Elytron SSL context it hands to the
                // broker's TLS acceptor (vigil-services-ssc) and to the outboxes' bridge (vigil-node-csc)
                .filter(l -> !l.contains("Injecting Elytron SSLContext vigil-services-ssc")
                        && !l.contains("Injecting Elytron SSLContext vigil-node-csc"))
                // a timer run still busy when the next is due (2 loaded CI cores): WildFly skips one run;
                // each run takes up all the work pending (audit rows, chain heads), so nothing waits longer than that
                .filter(l -> !l.contains("WFLYEJB0043"))
                .toList();
        assertEquals(List.of(), problems);
    }

    private static Set<String> shippedMigrationVersions() throws Exception {
        URL marker = FoundationIT.class.getClassLoader().getResource("db/migration/V1__foundation.sql");
        assertTrue(marker != null, "migrations on the test class path");
        Pattern name = Pattern.compile("V([0-9_.]+)__.+\\.sql");
        Set<String> versions = new TreeSet<>();
        List<String> files = new ArrayList<>();
        if (marker.getProtocol().equals("jar")) {
            String jarPath = marker.getPath().substring("file:".length(), marker.getPath().indexOf('!'));
            try (JarFile jar = new JarFile(jarPath)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (entry.startsWith("db/migration/")) {
                        files.add(entry.substring("db/migration/".length()));
                    }
                }
            }
        } else {
            try (var listing = Files.list(Path.of(marker.toURI()).getParent())) {
                listing.forEach(f -> files.add(f.getFileName().toString()));
            }
        }
        for (String file : files) {
            Matcher m = name.matcher(file);
            if (m.matches()) {
                versions.add(m.group(1).replace('_', '.'));
            }
        }
        return versions;
    }
}
