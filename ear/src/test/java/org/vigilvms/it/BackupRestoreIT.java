package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.setup.VigilRestore;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.FrameStamp;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.db.EmbeddedDatabase;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.testkit.run.LocalServer;
import org.vigilvms.tools.ConsoleLogin;
import org.vigilvms.tools.IntegrityCheck;
import org.vigilvms.tools.PemText;
import org.vigilvms.tools.VigilBackup;

/**
 * Issue #21 item 1: a backup taken while four cameras record, restored onto a "fresh machine" (an
 * empty installation folder, an empty PostgreSQL, a WildFly of its own): the users, rights,
 * cameras, audit trail and recordings come back, every camera's chain verifies and a recording
 * plays in the browser. Refused, with nothing changed: a wrong password, the CA of another
 * installation, a folder that holds an installation; and only a local administrator who gives
 * their password again gets a backup at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupRestoreIT {

    private static final int PORT_OFFSET = 400;
    private static final String CAMERA_PASSWORD = "Backup-cam-pw-7";
    private static final String BACKUP_PASSWORD = "backup of site A, kept offline";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void aBackupTakenWhileCamerasRecordRestoresOntoAFreshMachineWhereChainsVerifyAndVideoPlays() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        Path dir = Path.of(System.getProperty("vigil.it.dir"));
        VigilHome original = new VigilHome(dir.resolve("it-home"));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(4, CameraConfig.forTests(701, CAMERA_PASSWORD), -1)) {
            List<Long> cameras = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                cameras.add(VigilDeployment.addCamera(admin, "backup cam " + i, fleet.camera(i).rtspUrl(), CAMERA_PASSWORD));
            }
            VigilTestEnvironment.directory().addUser("bert", "Bert-pw-1");
            VigilDeployment.grantToUser(admin, "bert", "PLAYBACK", cameras.get(0));
            for (long camera : cameras) {
                VigilDeployment.await("camera " + camera + " sealed two segments", Duration.ofSeconds(90),
                        () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) >= 2);
            }

            // only a local administrator, with their password again, and a password of 12 characters or more
            HttpClient bert = VigilDeployment.signedIn("bert", "Bert-pw-1");
            long refusedBefore = count("SELECT count(*) FROM audit_event WHERE action IN ('access.denied', 'backup.refused')");
            VigilDeployment.refusal(post(bert, "/api/v1/backups", request("Bert-pw-1", BACKUP_PASSWORD)), 403);
            VigilDeployment.refusal(post(admin, "/api/v1/backups", request("not-the-password", BACKUP_PASSWORD)), 400);
            JsonObject weak = VigilDeployment.refusal(post(admin, "/api/v1/backups",
                    request(VigilDeployment.adminPassword(), "short-pw")), 400);
            assertEquals("the backup password needs at least 12 characters", weak.getString("error"), weak.toString());
            assertEquals(refusedBefore + 3,
                    count("SELECT count(*) FROM audit_event WHERE action IN ('access.denied', 'backup.refused')"), "every refusal audited");

            // from the console: the server writes it, the page offers it for download and deletes it after
            try (Browser browser = Browser.start(1280, 900)) {
                browser.signIn("admin", VigilDeployment.adminPassword());
                StoragePage storage = StoragePage.open(browser);
                String shown = storage.takeBackup(VigilDeployment.adminPassword(), BACKUP_PASSWORD);
                Matcher console = Pattern.compile("backup ([0-9a-f-]{36}): .*, \\d+ tables, \\d+ rows, SHA-256 ([0-9a-f]{64})").matcher(shown);
                assertTrue(console.matches(), shown);
                String link = storage.backupLink();
                assertEquals("api/v1/backups/" + console.group(1) + "/file", link);
                HttpResponse<byte[]> fetched = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/" + link)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, fetched.statusCode());
                assertEquals(console.group(2), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(fetched.body())));
                browser.screenshot("backup");
                assertEquals("backup " + console.group(1) + " deleted from the server", storage.deleteBackup());
                assertEquals(400, get(admin, "/api/v1/backups/" + console.group(1) + "/file").statusCode());
            }

            // the backup, with the operators' command, while the four cameras go on recording
            Instant asked = Instant.now();
            Path file = dir.resolve("site-a.vigil-backup");
            Files.deleteIfExists(file);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int status = VigilBackup.run(new String[] {"--url", VigilDeployment.BASE, "--home", original.root().toString(),
                    "--out", file.toString()}, VigilDeployment.adminPassword(), BACKUP_PASSWORD, new PrintStream(printed, true), System.err);
            assertEquals(0, status, printed.toString());
            System.out.print(printed);
            Matcher written = Pattern.compile("backup (\\S+) written to .*: (\\d+) bytes, SHA-256 ([0-9a-f]{64}), database at (\\S+) "
                    + "\\((\\d+) tables, (\\d+) rows\\)\\s*").matcher(printed.toString());
            assertTrue(written.matches(), printed.toString());
            String id = written.group(1);
            assertEquals(Files.size(file), Long.parseLong(written.group(2)));
            assertEquals(written.group(3), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            assertEquals(VigilDeployment.text("SELECT version FROM flyway_schema_history WHERE success "
                    + "AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1"), written.group(4));
            assertEquals(400, get(admin, "/api/v1/backups/" + id + "/file").statusCode(), "the server's copy is deleted");
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'backup.written' AND target = ?", "backup:" + id));
            for (long camera : cameras) {
                VigilDeployment.await("camera " + camera + " recorded on after the backup", Duration.ofSeconds(60),
                        () -> count("SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts > ?", camera,
                                Timestamp.from(asked)) >= 1);
            }
            for (long camera : cameras) {
                VigilDeployment.post(admin, "/api/v1/cameras/" + camera + "/disable", "");
            }

            // the customer copies the storage volumes with their own tools, after the backup
            VigilHome restored = new VigilHome(dir.resolve("restored-home"));
            LocalInstallation.deleteTree(restored.root());
            LocalInstallation.deleteTree(dir.resolve("restored-db"));
            LocalInstallation.copyTree(original.storageDir(), restored.storageDir());
            List<String> volumeMoves = new ArrayList<>();
            int n = 0;
            for (String path : VigilDeployment.texts("SELECT path FROM storage_volume WHERE path <> '' ORDER BY id")) {
                Path copy = dir.resolve("restored-volumes").resolve("v" + (++n));
                LocalInstallation.deleteTree(copy);
                LocalInstallation.copyTree(Path.of(path), copy);
                volumeMoves.add("--volume");
                volumeMoves.add(path + "=" + copy);
            }
            Path caPem = original.caCertificatePem();
            Path otherCa = dir.resolve("other-site-ca.pem");
            Files.writeString(otherCa, PemText.of("CERTIFICATE", InternalCa.create("other site").certificate().getEncoded()));

            String dbPassword = Passwords.generate();
            try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("restored-db"), LocalInstallation.freePort())) {
                database.ensureApplicationDatabase(dbPassword);
                List<String> args = new ArrayList<>(List.of("--home", restored.root().toString(), "--from", file.toString(),
                        "--ca", caPem.toString(), "--db-url", database.jdbcUrl()));
                args.addAll(volumeMoves);

                Outcome wrongPassword = restore(args, "backup of site B, kept offline", dbPassword);
                assertEquals(1, wrongPassword.status(), wrongPassword.err());
                assertEquals("refused: the password does not open this backup (or it is not a Vigil backup)\n", wrongPassword.err());
                List<String> otherArgs = new ArrayList<>(args);
                otherArgs.set(otherArgs.indexOf(caPem.toString()), otherCa.toString());
                Outcome otherSite = restore(otherArgs, BACKUP_PASSWORD, dbPassword);
                assertEquals(1, otherSite.status(), otherSite.err());
                assertTrue(otherSite.err().startsWith("refused: the backup was made by another installation"), otherSite.err());
                List<String> occupied = new ArrayList<>(args);
                occupied.set(1, original.root().toString());
                Outcome notEmpty = restore(occupied, BACKUP_PASSWORD, dbPassword);
                assertEquals(1, notEmpty.status(), notEmpty.err());
                assertEquals("refused: " + original.root() + " already holds an installation; a backup is restored into an empty "
                        + "folder, nothing was changed\n", notEmpty.err());
                assertFalse(Files.exists(restored.secretsDir()), "nothing written by a refused restore");

                Outcome done = restore(args, BACKUP_PASSWORD, dbPassword);
                assertEquals(0, done.status(), done.err() + done.out());
                System.out.println(done.out());

                try (LocalInstallation installation = LocalInstallation.open(restored,
                        new LocalInstallation.ExternalDatabase(database.jdbcUrl(), EmbeddedDatabase.OWNER, dbPassword), 0)) {
                    LocalServer server = LocalServer.prepare(Path.of(System.getProperty("jboss.home")), restored,
                            Path.of(System.getProperty("vigil.it.ear")), PORT_OFFSET);
                    try {
                        server.start();
                        server.awaitHealthy(Duration.ofMinutes(3));
                        checkRestored(server, restored, cameras, fleet, admin);
                    } finally {
                        server.stop();
                    }
                }
            }
        }
    }

    /** Everything came back: sign-in, rights, cameras, audit, and recordings that verify and play. */
    private static void checkRestored(LocalServer server, VigilHome restored, List<Long> cameras, VirtualCameraFleet fleet,
                                      HttpClient originalAdmin) throws Exception {
        String base = server.baseUrl();
        HttpClient admin = ConsoleLogin.signIn(restored, base, "admin", VigilDeployment.adminPassword());
        for (long camera : cameras) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int status = IntegrityCheck.run(new String[] {"--url", base, "--home", restored.root().toString(), "--camera",
                    String.valueOf(camera)}, VigilDeployment.adminPassword(), new PrintStream(printed, true), System.err);
            assertEquals(0, status, printed.toString());
            assertTrue(printed.toString().matches("(?s).*camera " + camera + ": \\d+ segments checked, INTACT.*"), printed.toString());
        }
        // the audit trail: the same findings as on the original (tests before this one tamper with it on purpose)
        assertEquals(json(get(originalAdmin, "/api/v1/audit/verify")).asJsonObject().getJsonArray("findings"),
                json(send(admin, base + "/api/v1/audit/verify")).asJsonObject().getJsonArray("findings"));
        HttpClient bert = ConsoleLogin.signIn(restored, base, "bert", "Bert-pw-1");
        String lastHour = "/recordings?from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now();
        HttpResponse<String> own = send(bert, base + "/api/v1/cameras/" + cameras.get(0) + lastHour);
        assertEquals(200, own.statusCode(), "bert's right came back: " + own.body());
        assertEquals(403, send(bert, base + "/api/v1/cameras/" + cameras.get(1) + lastHour).statusCode());

        Instant at = VigilDeployment.segmentStart(cameras.get(0), 2).plusMillis(1300);
        try (Browser browser = Browser.start(1280, 800)) {
            browser.signIn(base, "admin", VigilDeployment.adminPassword());
            FrameStamp stamp = browser.pausedPlaybackAt(base, cameras.get(0), at);
            assertEquals(fleet.camera(0).config().id(), stamp.cameraId(), "the restored recording of the right camera plays");
            browser.screenshot("restored-playback");
        }
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome restore(List<String> args, String backupPassword, String dbPassword) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VigilRestore.run(args.toArray(String[]::new), backupPassword, dbPassword, new PrintStream(out, true),
                new PrintStream(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    private static String request(String password, String backupPassword) {
        return Json.createObjectBuilder().add("password", password).add("backupPassword", backupPassword).build().toString();
    }

    private static HttpResponse<String> send(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
