package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.camera.FrameStamp;
import org.vigilvms.testkit.db.EmbeddedDatabase;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.testkit.run.LocalServer;
import org.vigilvms.testkit.upgrade.ReleaseFixture;
import org.vigilvms.tools.ConsoleLogin;
import org.vigilvms.tools.IntegrityCheck;

/**
 * Issue #21 item 2: an installation as the previous release left it (release 0.1.0, taken from that
 * release's own run by {@code testkit/upgrade/take-release-fixture.sh}: its installation folder
 * with the recordings of its demo camera, its database at schema 17, the one-time password it
 * printed for its administrator) is upgraded as the
 * operations guide says: the new release's setup on the same folder, then the new EAR, whose start
 * migrates the database. Afterwards the release's migrations are validated unchanged, nothing is
 * pending, its administrator signs in, every camera's recordings verify against their signed chain,
 * the audit trail verifies, and a recording of the release plays in the browser.
 */
class UpgradeIT {

    private static final int PORT_OFFSET = 500;
    private static final ReleaseFixture PREVIOUS = new ReleaseFixture(Path.of("src", "test", "fixtures", "upgrade", "0.1.0"));

    @Test
    void theRecordingsOfThePreviousReleasePlayAndVerifyAfterTheUpgrade() throws Exception {
        Path dir = Path.of(System.getProperty("vigil.it.dir")).resolve("upgrade");
        LocalInstallation.deleteTree(dir);
        VigilHome home = new VigilHome(dir.resolve("home"));
        String dbPassword = Passwords.generate();
        int releaseSchema = PREVIOUS.schemaVersion();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("db"), LocalInstallation.freePort())) {
            database.ensureApplicationDatabase(dbPassword);
            int rows = PREVIOUS.install(home, database, dbPassword);
            Flyway flyway = Flyway.configure(UpgradeIT.class.getClassLoader()).dataSource(database.jdbcUrl(), EmbeddedDatabase.OWNER,
                    dbPassword).locations("classpath:db/migration").load();
            assertEquals(String.valueOf(releaseSchema), flyway.info().current().getVersion().getVersion(), "the release's schema");
            assertTrue(flyway.info().pending().length > 0, "this release has migrations the previous one had not");
            Map<Long, Long> releaseSegments = segmentsPerCamera(database, dbPassword);
            assertTrue(!releaseSegments.isEmpty() && releaseSegments.values().stream().allMatch(n -> n >= 3),
                    "the release recorded its demo camera: " + releaseSegments + " (" + rows + " rows)");
            String oneTimePassword = PREVIOUS.oneTimeAdminPassword();
            // the fixture's video was recorded when the fixture was taken: its cameras keep it
            // longer than the 30 days the release gave them, or retention would delete it one day
            try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER, dbPassword);
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE camera SET retention_max_age_s = " + 100L * 366 * 24 * 3600);
            }

            // the upgrade: the new release's setup on the same folder, then the new EAR (it migrates at start)
            try (LocalInstallation installation = LocalInstallation.open(home,
                    new LocalInstallation.ExternalDatabase(database.jdbcUrl(), EmbeddedDatabase.OWNER, dbPassword), 0)) {
                LocalServer server = LocalServer.prepare(Path.of(System.getProperty("jboss.home")), home,
                        Path.of(System.getProperty("vigil.it.ear")), PORT_OFFSET);
                try {
                    server.start();
                    server.awaitHealthy(Duration.ofMinutes(3));
                    MigrationInfoService after = flyway.info();
                    assertEquals(0, after.pending().length, "every migration applied");
                    assertTrue(flyway.validateWithResult().validationSuccessful,
                            "the release's migrations, as recorded with their checksums, are this release's first ones");
                    assertTrue(Integer.parseInt(after.current().getVersion().getVersion()) > releaseSchema);
                    checkUpgraded(server, home, database, dbPassword, oneTimePassword, releaseSegments);
                } finally {
                    server.stop();
                }
            }
        }
    }

    private static void checkUpgraded(LocalServer server, VigilHome home, EmbeddedDatabase database, String dbPassword,
                                      String oneTimePassword, Map<Long, Long> releaseSegments) throws Exception {
        String base = server.baseUrl();
        String password = "Upgraded-" + Passwords.generate();
        HttpClient admin = ConsoleLogin.signInChangingPassword(home, base, "admin", oneTimePassword, password);
        for (Map.Entry<Long, Long> camera : releaseSegments.entrySet()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int status = IntegrityCheck.run(new String[] {"--url", base, "--home", home.root().toString(), "--camera",
                    String.valueOf(camera.getKey())}, password, new PrintStream(printed, true), System.err);
            assertEquals(0, status, printed.toString());
            long now = segmentsPerCamera(database, dbPassword).get(camera.getKey());
            assertTrue(now >= camera.getValue(), "the release's segments are all there: " + now);
            assertTrue(printed.toString().contains("camera " + camera.getKey() + ": " + now + " segments checked, INTACT"),
                    printed.toString());
        }
        HttpResponse<String> audit = admin.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/verify")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, audit.statusCode(), audit.body());
        JsonObject verified = VigilDeployment.json(audit).asJsonObject();
        assertEquals(List.of(), verified.getJsonArray("findings"), "the audit trail verifies across the upgrade: " + verified);

        long camera = releaseSegments.keySet().iterator().next();
        Instant at = secondSegmentStart(database, dbPassword, camera).plusMillis(1300);
        try (Browser browser = Browser.start(1280, 800)) {
            browser.signIn(base, "admin", password);
            FrameStamp stamp = browser.pausedPlaybackAt(base, camera, at);
            assertEquals(1, stamp.cameraId(), "the release's demo camera (virtual camera 1) plays");
            browser.screenshot("upgraded-playback");
        }
    }

    private static Map<Long, Long> segmentsPerCamera(EmbeddedDatabase database, String password) throws SQLException {
        Map<Long, Long> cameras = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER, password);
             PreparedStatement q = c.prepareStatement("SELECT camera_id, count(*) FROM segment GROUP BY camera_id");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                cameras.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return cameras;
    }

    private static Instant secondSegmentStart(EmbeddedDatabase database, String password, long camera) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER, password);
             PreparedStatement q = c.prepareStatement("SELECT start_ts FROM segment WHERE camera_id = ? ORDER BY chain_seq OFFSET 1 LIMIT 1")) {
            q.setLong(1, camera);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "camera " + camera + " has a second segment");
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
