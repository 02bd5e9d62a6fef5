package org.vigilvms.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assertions;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.tools.ClientTls;
import org.vigilvms.tools.ConsoleLogin;
import org.vigilvms.tools.NodeKey;

/** What every integration test shares: the real EAR as built, and ways to reach the running server. */
final class VigilDeployment {

    static final String BASE = "https://localhost:8443";
    /** The test server's node name: the default, as no vigil.node.id is set. */
    static final String NODE = "vigil-1";

    private VigilDeployment() {
    }

    /** The EAR's file name, which is also its name on the server. */
    static final String EAR_NAME = new File(System.getProperty("vigil.it.ear")).getName();

    /** The EAR exactly as the build packaged it (deployed once for the classes that share it: {@link KeptDeployment}). */
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("vigil.it.ear")));
    }

    static HttpClient https() {
        return ClientTls.httpClient(VigilTestEnvironment.installation().home());
    }

    static Connection database() throws SQLException {
        return VigilTestEnvironment.installation().connect();
    }

    private static String generated;
    private static String generatedFilePermissions;

    /**
     * The first administrator's one-time password, which the server generated (the tests leave no
     * launcher bootstrap file) into an owner-only file of the installation; read once and kept,
     * since the server deletes the file when the password is changed.
     */
    static synchronized String generatedAdminPassword() throws IOException {
        if (generated == null) {
            Path file = VigilTestEnvironment.installation().home().bootstrapDir().resolve("admin.password");
            generatedFilePermissions = PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file));
            generated = Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        return generated;
    }

    /** The permissions the one-time password file had when it was read ({@code rw-------} expected). */
    static synchronized String generatedAdminPasswordFilePermissions() throws IOException {
        generatedAdminPassword();
        return generatedFilePermissions;
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
            String chosen = "Chosen-" + UUID.randomUUID();
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

    static HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(HttpClient client, String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> delete(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final AtomicInteger SOURCES = new AtomicInteger();

    /**
     * "ok", "invalid", "code", "locked" or "throttled": where the login endpoint sent the browser.
     * Each call comes from a loopback address of its own (127.0.1.x and up), so the failures a
     * test makes on purpose never count against another test's address (the server slows an
     * address after ten failed sign-ins, whatever the names).
     */
    static String loginOutcome(String user, String password) throws Exception {
        return loginOutcome(user, password, null);
    }

    static String loginOutcome(String user, String password, String code) throws Exception {
        int n = SOURCES.getAndIncrement();
        return loginOutcomeFrom("127.0." + (1 + n / 250) + "." + (2 + n % 250), "/login", user, password, code);
    }

    /**
     * The same sign-in, sent from {@code source} (any 127.x.y.z: the loopback accepts them all,
     * so a test gets a client address of its own) to {@code path}; "429" when the per-address
     * request limit answered before the login endpoint.
     */
    static String loginOutcomeFrom(String source, String path, String user, String password) throws Exception {
        return loginOutcomeFrom(source, path, user, password, null);
    }

    private static String loginOutcomeFrom(String source, String path, String user, String password, String code) throws Exception {
        byte[] body = loginForm(user, password, code).getBytes(StandardCharsets.US_ASCII);
        SSLContext tls = ClientTls.trustingInstallation(VigilTestEnvironment.installation().home());
        try (Socket raw = new Socket()) {
            raw.bind(new InetSocketAddress(source, 0));
            raw.connect(new InetSocketAddress("127.0.0.1", 8443), 5000);
            raw.setSoTimeout(15_000);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", 8443, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:8443\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                String status = in.readLine();
                String location = "";
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                        location = line.substring(9).trim();
                    }
                }
                if (status != null && status.contains(" 429 ")) {
                    return "429";
                }
                if (status == null || !status.contains(" 302 ")) {
                    throw new AssertionError("the login endpoint answered " + status);
                }
                return outcome(location);
            }
        }
    }

    private static String loginForm(String user, String password, String code) {
        return "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + (code == null ? "" : "&code=" + code);
    }

    private static String outcome(String location) {
        for (String reason : new String[] {"locked", "invalid", "code", "throttled"}) {
            if (location.contains("reason=" + reason)) {
                return reason;
            }
        }
        return "ok";
    }

    /** Adds a camera that is not recorded (its address leads nowhere) as {@code admin}; its id. */
    static long addDisabledCamera(HttpClient admin, String name) throws Exception {
        HttpResponse<String> added = post(admin, "/api/v1/cameras", "{\"name\":\"" + name + "\",\"streamUrl\":\"rtsp://127.0.0.1:1/none\","
                + "\"acceptInsecureTransport\":true}");
        if (added.statusCode() != 201) {
            throw new AssertionError("camera not added: " + added.statusCode() + " " + added.body());
        }
        long id = json(added).asJsonObject().getJsonNumber("id").longValue();
        HttpResponse<String> disabled = post(admin, "/api/v1/cameras/" + id + "/disable", "");
        if (disabled.statusCode() != 200) {
            throw new AssertionError("camera not disabled: " + disabled.statusCode() + " " + disabled.body());
        }
        return id;
    }

    /** The JSON body of a 2xx answer (any other status fails with the body). */
    static JsonValue json(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    /**
     * Enrols {@code keys} as the remote producer {@code producer} the way an administrator does:
     * {@code POST /api/v1/node-keys} with what {@code vigil-node-key} prints (proof of possession included).
     */
    static void enrolNodeKey(String producer, KeyPair keys) throws Exception {
        HttpResponse<String> enrolled = post(signedIn("admin", adminPassword()), "/api/v1/node-keys",
                NodeKey.enrolment(producer, keys).toString());
        Assertions.assertEquals(201, enrolled.statusCode(), enrolled.body());
    }

    /** The JSON body of a refusal with {@code status} (any other status fails with the body). */
    static JsonObject refusal(HttpResponse<String> response, int status) {
        Assertions.assertEquals(status, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** Waits (up to 40 s) until camera {@code id} reports {@code status}; the camera as listed then. */
    static JsonObject awaitStatus(HttpClient admin, long id, String status) throws Exception {
        return awaitCamera(admin, id, "status " + status, camera -> status.equals(camera.getString("status")));
    }

    /** Waits (up to 40 s) until camera {@code id}, as the API lists it, is as {@code wanted} says; the camera then. */
    static JsonObject awaitCamera(HttpClient admin, long id, String what,
                                               Predicate<JsonObject> wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(40);
        JsonObject camera = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> list = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonValue v : Json.createReader(new StringReader(list.body())).readArray()) {
                if (v.asJsonObject().getJsonNumber("id").longValue() == id) {
                    camera = v.asJsonObject();
                }
            }
            if (camera != null && wanted.test(camera)) {
                return camera;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("camera " + id + " never reached " + what + ": " + camera);
    }

    /** Grants {@code right} to the user {@code user} on one camera (or, with null, on all) as {@code admin}; fails unless 201. */
    static void grantToUser(HttpClient admin, String user, String right, Long camera) throws Exception {
        HttpResponse<String> granted = post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"" + user
                + "\",\"right\":\"" + right + "\"" + (camera == null ? "" : ",\"cameraId\":" + camera) + "}");
        if (granted.statusCode() != 201) {
            throw new AssertionError("grant of " + right + " to " + user + " refused: " + granted.statusCode() + " " + granted.body());
        }
    }

    /** Adds a camera over the REST API as {@code admin}; its id. */
    static long addCamera(HttpClient admin, String name, String streamUrl, String password) throws Exception {
        HttpResponse<String> added = post(admin, "/api/v1/cameras", "{\"name\":\"" + name + "\",\"streamUrl\":\""
                + streamUrl + "\",\"username\":\"admin\",\"password\":\"" + password + "\""
                + (streamUrl.startsWith("rtsp://") ? ",\"acceptInsecureTransport\":true" : "") + "}");
        if (added.statusCode() != 201) {
            throw new IllegalStateException("camera not added: " + added.statusCode() + " " + added.body());
        }
        return Long.parseLong(added.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    /**
     * The test server's log as one text: the files WildFly rotated away at midnight (server.log.DATE,
     * oldest first) and server.log, so that a line logged before midnight is found after it.
     */
    static String serverLog() throws IOException {
        return serverLog(Path.of(System.getProperty("vigil.it.dir"), "it-server", "log"));
    }

    /** The log of the WildFly whose log folder is {@code dir}, as one text across its midnight rotations. */
    static String serverLog(Path dir) throws IOException {
        StringBuilder log = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path rotated : files.filter(f -> f.getFileName().toString().startsWith("server.log.")).sorted().toList()) {
                log.append(Files.readString(rotated));
            }
        }
        return log.append(Files.readString(dir.resolve("server.log"))).toString();
    }

    /**
     * Sets (or, with null, removes) a system property on the running server, as an administrator
     * would with the CLI: the settings Vigil reads at each request take effect at once.
     */
    static void setServerProperty(ManagementClient management, String name, String value)
            throws IOException {
        ModelNode remove = new ModelNode();
        remove.get("operation").set("remove");
        remove.get("address").add("system-property", name);
        management.getControllerClient().execute(remove);
        if (value != null) {
            ModelNode add = new ModelNode();
            add.get("operation").set("add");
            add.get("address").add("system-property", name);
            add.get("value").set(value);
            ModelNode result = management.getControllerClient().execute(add);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("cannot set " + name + ": " + result);
            }
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(250);
        }
    }

    /**
     * Requires {@code condition} to hold throughout {@code window}, looking every 250 ms and failing
     * with {@code what} at the first look where it does not: for something that must not happen
     * (an event where nothing moved), so that the test fails as soon as it does and never passes
     * merely because it looked too early.
     */
    static void holdsFor(String what, Duration window, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(window);
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(end));
        if (!condition.getAsBoolean()) {
            throw new AssertionError("no longer true at the end: " + what);
        }
    }

    /** The test server's recorder spool: segments being written and those waiting for their seal. */
    static Path spool() {
        return Path.of(System.getProperty("vigil.it.dir"), "it-server", "data", "vigil", "spool");
    }

    /**
     * Waits until a disabled camera's recording has stopped and its last segment is sealed: while
     * a camera records, the recorder's spool always holds a file of it (the segment being written
     * or one waiting for its seal), so an empty spool for the camera is the condition itself.
     */
    static void awaitRecordingSealed(long cameraId) throws InterruptedException {
        Path spool = spool();
        String prefix = cameraId + "-";
        await("camera " + cameraId + " stopped and its last segment sealed", Duration.ofSeconds(60), () -> {
            try (Stream<Path> files = Files.list(spool)) {
                return files.noneMatch(f -> f.getFileName().toString().startsWith(prefix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** When segment {@code chainSeq} (1 = first) of the camera starts, as indexed. */
    static Instant segmentStart(long cameraId, long chainSeq) throws SQLException {
        try (Connection c = database();
             PreparedStatement s = c.prepareStatement("SELECT start_ts FROM segment WHERE camera_id = ? AND chain_seq = ?")) {
            s.setLong(1, cameraId);
            s.setLong(2, chainSeq);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("camera " + cameraId + " has no segment " + chainSeq);
                }
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    static long count(String sql, Object... parameters) {
        return single(sql, parameters, rs -> rs.getLong(1));
    }

    /** The bytes in the first column of the one row {@code sql} selects. */
    static byte[] bytes(String sql, Object... parameters) {
        return single(sql, parameters, rs -> rs.getBytes(1));
    }

    /** The time in the first column of the one row {@code sql} selects. */
    static Instant instant(String sql, Object... parameters) {
        return single(sql, parameters, rs -> rs.getTimestamp(1).toInstant());
    }

    /** The text in the first column of the one row {@code sql} selects. */
    static String text(String sql, Object... parameters) {
        return single(sql, parameters, rs -> rs.getString(1));
    }

    /** The text in the first column of every row {@code sql} selects. */
    static List<String> texts(String sql, Object... parameters) {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T single(String sql, Object[] parameters, Column<T> column) {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row: " + sql);
                }
                return column.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
