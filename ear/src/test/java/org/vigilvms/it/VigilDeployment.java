package org.vigilvms.it;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.tools.ClientTls;
import org.vigilvms.tools.ConsoleLogin;

/** What every integration test shares: the real EAR as built, and ways to reach the running server. */
final class VigilDeployment {

    static final String BASE = "https://localhost:8443";

    private VigilDeployment() {
    }

    /** The EAR exactly as the build packaged it. */
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vigil.it.ear")));
    }

    static HttpClient https() {
        return ClientTls.httpClient(VigilTestEnvironment.installation().home());
    }

    static Connection database() throws SQLException {
        return VigilTestEnvironment.installation().connect();
    }

    /** The first administrator's one-time password, which the server wrote once to its log. */
    static String generatedAdminPassword() throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("vigil.it.dir"), "it-server", "log", "server.log");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("VIGIL00300: .*one-time password: (\\S+)")
                .matcher(java.nio.file.Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException("no first-start password in " + log);
        }
        return m.group(1);
    }

    private static String adminPassword;

    /**
     * The first administrator's password for tests: the generated one-time password can only be
     * used to choose a new one (the console and the EJB layer allow nothing else), so the first
     * caller does that, as a person would, and every later one signs in with the new password.
     */
    static synchronized String adminPassword() throws Exception {
        if (adminPassword == null) {
            String generated = generatedAdminPassword();
            String chosen = "Chosen-" + java.util.UUID.randomUUID();
            ConsoleLogin.signInChangingPassword(VigilTestEnvironment.installation().home(), BASE, "admin", generated, chosen);
            adminPassword = chosen;
        }
        return adminPassword;
    }

    /** An HTTPS client with a session signed in through the console's form login. */
    static HttpClient signedIn(String user, String password) throws Exception {
        return ConsoleLogin.signIn(VigilTestEnvironment.installation().home(), BASE, user, password);
    }

    /** Waits until health reports UP (the first heartbeats need a few seconds after deployment). */
    static HttpResponse<String> awaitHealthy(Duration timeout) throws Exception {
        HttpClient client = https();
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/api/v1/health")).build();
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> response;
        do {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        return response;
    }

    static HttpResponse<String> get(HttpClient client, String path) throws java.io.IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, String path, String json) throws java.io.IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Adds a camera over the REST API as {@code admin}; its id. */
    static long addCamera(HttpClient admin, String name, String streamUrl, String password) throws Exception {
        HttpResponse<String> added = post(admin, "/api/v1/cameras", "{\"name\":\"" + name + "\",\"streamUrl\":\""
                + streamUrl + "\",\"username\":\"admin\",\"password\":\"" + password + "\"}");
        if (added.statusCode() != 201) {
            throw new IllegalStateException("camera not added: " + added.statusCode() + " " + added.body());
        }
        return Long.parseLong(added.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    /**
     * Sets (or, with null, removes) a system property on the running server, as an administrator
     * would with the CLI: the settings Vigil reads at each request take effect at once.
     */
    static void setServerProperty(org.jboss.as.arquillian.container.ManagementClient management, String name, String value)
            throws java.io.IOException {
        org.jboss.dmr.ModelNode remove = new org.jboss.dmr.ModelNode();
        remove.get("operation").set("remove");
        remove.get("address").add("system-property", name);
        management.getControllerClient().execute(remove);
        if (value != null) {
            org.jboss.dmr.ModelNode add = new org.jboss.dmr.ModelNode();
            add.get("operation").set("add");
            add.get("address").add("system-property", name);
            add.get("value").set(value);
            org.jboss.dmr.ModelNode result = management.getControllerClient().execute(add);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("cannot set " + name + ": " + result);
            }
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(250);
        }
    }

    /** A single number from the test installation's database. */
    /** When segment {@code chainSeq} (1 = first) of the camera starts, as indexed. */
    static java.time.Instant segmentStart(long cameraId, long chainSeq) throws SQLException {
        try (Connection c = database();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT start_ts FROM segment WHERE camera_id = ? AND chain_seq = ?")) {
            s.setLong(1, cameraId);
            s.setLong(2, chainSeq);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("camera " + cameraId + " has no segment " + chainSeq);
                }
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    static long count(String sql, Object... parameters) {
        try (Connection c = database(); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
