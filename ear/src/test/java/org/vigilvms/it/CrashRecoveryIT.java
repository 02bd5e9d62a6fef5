package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.testkit.run.LocalServer;
import org.vigilvms.tools.ConsoleLogin;
import org.vigilvms.tools.IntegrityCheck;

/**
 * Issue #4 crash safety: WildFly killed with SIGKILL in mid-recording and started again. Every
 * finished segment left in the spool is indexed, the unfinished one is recovered up to its last
 * complete fragment (the issue allows discarding it; with 0.5 s fragments there is always
 * something to keep) with a log line, the camera's hash chain verifies
 * end to end, and recording resumes within 10 s of the deployment.
 * <p>Runs its own server (installation, database and port offset of its own) beside the
 * Arquillian container, because that one cannot be killed and restarted under a test.
 */
class CrashRecoveryIT {

    private static final int PORT_OFFSET = 300;
    private static final String CAMERA_PASSWORD = "crash-Pa55word";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    @Test
    void killedInMidRecordingRecoversTheSpoolAndResumes() throws Exception {
        Path dir = Path.of(System.getProperty("vigil.it.dir"));
        VigilHome home = new VigilHome(dir.resolve("crash-home"));
        LocalInstallation.deleteTree(home.root());
        String adminPassword = Passwords.generateTypeable();
        try (LocalInstallation installation = LocalInstallation.open(home, null, 0);
             VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(301, CAMERA_PASSWORD), 0)) {
            LocalServer server = LocalServer.prepare(Path.of(System.getProperty("jboss.home")), home,
                    Path.of(System.getProperty("vigil.it.ear")), PORT_OFFSET);
            LocalServer.bootstrapAdmin(home, adminPassword);
            Path spool = home.serverBaseDir().resolve("data/vigil/spool");
            try {
                server.start();
                server.awaitHealthy(Duration.ofMinutes(3));
                String chosenPassword = "Chosen-" + java.util.UUID.randomUUID();
                HttpClient admin = ConsoleLogin.signInChangingPassword(home, server.baseUrl(), "admin", adminPassword,
                        chosenPassword);
                HttpResponse<String> added = admin.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/cameras"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash gate\",\"streamUrl\":\""
                                + fleet.camera(0).rtspUrl() + "\",\"username\":\"admin\",\"password\":\"" + CAMERA_PASSWORD
                                + "\",\"acceptInsecureTransport\":true}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, added.statusCode(), added.body());
                long cameraId = Long.parseLong(added.body().replaceAll(".*\"id\":(\\d+).*", "$1"));

                await("three segments sealed", Duration.ofSeconds(60), () -> segments(installation, cameraId) >= 3);
                // kill while a segment is being written and at least one of its fragments is out
                await("an unfinished segment more than 1 s old", Duration.ofSeconds(20), () -> unfinishedOlderThan(spool, 1100));
                server.kill();
                Instant killed = Instant.now();
                List<Path> leftovers = list(spool);
                assertTrue(leftovers.stream().anyMatch(p -> p.toString().endsWith(".part")),
                        "the kill left an unfinished segment: " + leftovers);
                long sealedBeforeRestart = segments(installation, cameraId);

                server.start();
                server.awaitHealthy(Duration.ofMinutes(3));
                String log = Files.readString(server.serverLog());
                Instant deployed = lastDeployment(log);

                await("the spool emptied of what the crash left", Duration.ofSeconds(30),
                        () -> leftovers.stream().noneMatch(p -> Files.exists(p) || Files.exists(completeName(p))));
                log = Files.readString(server.serverLog());
                assertTrue(log.contains("VIGIL00415"), "recovery summary logged");
                for (Path leftover : leftovers) {
                    long startMs = Long.parseLong(leftover.getFileName().toString().split("-")[1]);
                    String name = leftover.getFileName().toString();
                    if (name.endsWith(".mp4")) {
                        assertEquals(1, segmentsStartingAt(installation, cameraId, startMs), "finished " + name + " indexed");
                    } else {
                        // killed more than 1 s into it: at least one 0.5 s fragment was on disk
                        String id = name.substring(0, name.length() - ".part".length());
                        assertTrue(log.contains("VIGIL00410") && log.contains(id + ".mp4"),
                                "unfinished " + name + " recovered up to its last fragment, and logged");
                        assertEquals(1, segmentsStartingAt(installation, cameraId, startMs), "recovered " + name + " indexed");
                    }
                }

                await("recording resumed", Duration.ofSeconds(30), () -> newestStart(installation, cameraId).isAfter(killed));
                Instant resumed = firstStartAfter(installation, cameraId, killed);
                assertTrue(Duration.between(deployed, resumed).compareTo(Duration.ofSeconds(10)) < 0,
                        "first new frame " + resumed + " within 10 s of the deployment at " + deployed);
                assertTrue(segments(installation, cameraId) > sealedBeforeRestart);

                // the hash chain verifies end to end, checked with the auditors' command-line tool
                java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
                int status = IntegrityCheck.run(new String[] {"--url", server.baseUrl(), "--home", home.root().toString(),
                        "--camera", String.valueOf(cameraId)}, chosenPassword, new java.io.PrintStream(printed, true), System.err);
                assertEquals(0, status, printed.toString());
                assertTrue(printed.toString().contains("camera " + cameraId + ": " + segments(installation, cameraId)
                        + " segments checked, INTACT"), printed.toString());
            } finally {
                server.stop();
            }
        }
    }

    private static boolean unfinishedOlderThan(Path spool, long ms) {
        long now = System.currentTimeMillis();
        return list(spool).stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))
                .anyMatch(n -> now - Long.parseLong(n.split("-")[1]) > ms);
    }

    private static Path completeName(Path part) {
        String name = part.getFileName().toString();
        return name.endsWith(".part") ? part.resolveSibling(name.replace(".part", ".mp4")) : part;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** When the EAR last finished deploying, by the server log (WFLYSRV0010). */
    private static Instant lastDeployment(String log) {
        Matcher m = Pattern.compile("(?m)^(\\S+ \\S+) INFO .*WFLYSRV0010: Deployed \"vigil.ear\"").matcher(log);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertFalse(last == null, "deployment logged");
        return LocalDateTime.parse(last, LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static long segments(LocalInstallation db, long cameraId) {
        return queryLong(db, "SELECT count(*) FROM segment WHERE camera_id = ?", cameraId);
    }

    private static long segmentsStartingAt(LocalInstallation db, long cameraId, long startMs) {
        return queryLong(db, "SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts = ?", cameraId,
                Timestamp.from(Instant.ofEpochMilli(startMs)));
    }

    private static Instant newestStart(LocalInstallation db, long cameraId) {
        return Instant.ofEpochMilli(queryLong(db,
                "SELECT coalesce((extract(epoch FROM max(start_ts)) * 1000)::bigint, 0) FROM segment WHERE camera_id = ?", cameraId));
    }

    private static Instant firstStartAfter(LocalInstallation db, long cameraId, Instant after) {
        return Instant.ofEpochMilli(queryLong(db, "SELECT (extract(epoch FROM min(start_ts)) * 1000)::bigint FROM segment "
                + "WHERE camera_id = ? AND start_ts > ?", cameraId, Timestamp.from(after)));
    }

    private static long queryLong(LocalInstallation db, String sql, Object... parameters) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(250);
        }
    }
}
