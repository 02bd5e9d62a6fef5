package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.await;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.db.EmbeddedDatabase;
import org.vigilvms.testkit.run.LocalServer;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.tools.ClientTls;
import org.vigilvms.tools.ConsoleLogin;
import org.vigilvms.tools.IntegrityCheck;

/**
 * Recorder nodes killed with SIGKILL, on an installation of their own (its own PostgreSQL) beside
 * the Arquillian container, which cannot be killed under a test:
 * <ol>
 * <li>Issue #4, one node ({@code vigil-1}, every role) killed in mid-recording and started again:
 * every finished segment left in the spool is indexed, the unfinished one is recovered up to its
 * last complete fragment with a log line, the chain verifies end to end, and recording resumes
 * within 10 s of the deployment.</li>
 * <li>Issue #18, a second WildFly node ({@code vigil-2}, the recorder role only) joins the same
 * database: it asks for its recorder and storage keys and gets no camera until an administrator
 * approves them, then the two cameras are shared, one each; its console and API answer 421 (they
 * are the management node's); its heartbeats reach the management node through its broker's
 * outbox, bridged over mutual TLS. Frozen with SIGSTOP, its camera moves on; thawed, what it
 * recorded meanwhile is kept aside and audited, never chained. Killed with SIGKILL, its camera is
 * sealed by {@code vigil-1} again within 15 s, and playback through the management node crosses
 * the failover with one break, the chain's gap, serving both nodes' segments; started again, it takes a camera back once, handed
 * over with a gap no longer than a segment; every chain position is used once and both chains
 * verify end to end.</li>
 * <li>Issue #18, least privilege: {@code vigil-2} runs from an installation folder of its own
 * ({@code RecorderNodeSetup}: no secret of the management node's) and connects as the database role
 * {@code vigil_recorder}, which reads no user, right, second factor or approval and cannot write
 * the audit trail, shorten the chain, move a camera or change a key (asserted with SQL as that
 * role); what it audits arrives through {@code report_audit}, naming the role, and is sealed into
 * the chain.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecorderNodesIT {

    private static final int MANAGEMENT_OFFSET = 300;
    private static final int RECORDER_OFFSET = 350;
    private static final String CAMERA_PASSWORD = "crash-Pa55word";
    private static final String RECORDER = NodePair.RECORDER;
    /** A segment's length (CameraIngest cuts at the first keyframe after 4 s). */
    private static final Duration SEGMENT = Duration.ofSeconds(4);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private static NodePair nodes;
    private static VirtualCameraFleet fleet;
    private static LocalServer management;
    private static LocalServer recorder;
    private static InstallationDb db;
    private static AdminApi api;
    private static String adminPassword;
    /** The camera the crash test records; the failover test records it too. */
    private static long gate;

    @BeforeAll
    static void managementNode() throws Exception {
        nodes = NodePair.prepare("nodes-home", MANAGEMENT_OFFSET, RECORDER_OFFSET);
        management = nodes.management;
        recorder = nodes.recorder;
        db = nodes.db;
        fleet = VirtualCameraFleet.start(2, CameraConfig.forTests(301, CAMERA_PASSWORD), -1);
        management.start();
        management.awaitHealthy(Duration.ofMinutes(3));
        adminPassword = "Chosen-" + UUID.randomUUID();
        api = new AdminApi(ConsoleLogin.signInChangingPassword(nodes.home, management.baseUrl(), "admin", nodes.oneTimePassword,
                adminPassword), management.baseUrl());
        gate = api.addCamera("crash gate", fleet.camera(0).rtspUrl(), CAMERA_PASSWORD);
        // the recorder node starts now, beside the crash test: it gets no camera before its keys are approved
        recorder.start();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void killedInMidRecordingRecoversTheSpoolAndResumes() throws Exception {
        Path spool = nodes.home.serverBaseDir().resolve("data/vigil/spool");
        await("three segments sealed", Duration.ofSeconds(60), () -> segments(gate) >= 3);
        // kill while a segment is being written and at least one of its fragments is out
        await("an unfinished segment more than 1 s old", Duration.ofSeconds(20), () -> unfinishedOlderThan(spool, 1100));
        management.kill();
        Instant killed = Instant.now();
        List<Path> leftovers = list(spool);
        assertTrue(leftovers.stream().anyMatch(p -> p.toString().endsWith(".part")),
                "the kill left an unfinished segment: " + leftovers);
        long sealedBeforeRestart = segments(gate);

        management.start();
        management.awaitHealthy(Duration.ofMinutes(3));
        String log = Files.readString(management.serverLog());
        Instant deployed = lastDeployment(log);

        await("the spool emptied of what the crash left", Duration.ofSeconds(30),
                () -> leftovers.stream().noneMatch(p -> Files.exists(p) || Files.exists(completeName(p))));
        log = Files.readString(management.serverLog());
        assertTrue(log.contains("VIGIL00415"), "recovery summary logged");
        for (Path leftover : leftovers) {
            long startMs = Long.parseLong(leftover.getFileName().toString().split("-")[1]);
            String name = leftover.getFileName().toString();
            if (name.endsWith(".mp4")) {
                assertEquals(1, segmentsStartingAt(gate, startMs), "finished " + name + " indexed");
            } else {
                // killed more than 1 s into it: at least one 0.5 s fragment was on disk
                String id = name.substring(0, name.length() - ".part".length());
                assertTrue(log.contains("VIGIL00410") && log.contains(id + ".mp4"),
                        "unfinished " + name + " recovered up to its last fragment, and logged");
                assertEquals(1, segmentsStartingAt(gate, startMs), "recovered " + name + " indexed");
            }
        }

        await("recording resumed", Duration.ofSeconds(30), () -> newestStart(gate).isAfter(killed));
        Instant resumed = firstStartAfter(gate, killed);
        assertTrue(Duration.between(deployed, resumed).compareTo(Duration.ofSeconds(10)) < 0,
                "first new frame " + resumed + " within 10 s of the deployment at " + deployed);
        assertTrue(segments(gate) > sealedBeforeRestart);
        assertIntact(List.of(gate));
    }

    @Test
    @Order(2)
    void aKilledRecorderNodesCameraIsRecordedByTheOtherWithin15SecondsAndMovesBackWhenItReturns() throws Exception {
        // signed in afresh: the crash test's restart ended the administrator's session
        api = new AdminApi(ConsoleLogin.signIn(nodes.home, management.baseUrl(), "admin", adminPassword), management.baseUrl());
        long yard = api.addCamera("yard", fleet.camera(1).rtspUrl(), CAMERA_PASSWORD);
        List<Long> cameras = List.of(gate, yard);

        // a joining recorder (started with the crash test) asks for its keys, and gets no camera while they wait
        recorder.awaitDeployed(Duration.ofMinutes(3));
        // the console and the API are the management node's: the recorder node sends every other request away
        HttpResponse<String> elsewhere = ClientTls.httpClient(nodes.home).send(HttpRequest.newBuilder(
                URI.create(recorder.baseUrl() + "/login.xhtml")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(421, elsewhere.statusCode(), elsewhere.body());
        assertEquals("This Vigil node (vigil-2) runs the roles recorder: the console and the API are on the management node.",
                elsewhere.body().strip());
        Map<String, String> asked = api.keyRequests();
        assertEquals(Set.of("svc-recorder@" + RECORDER, "svc-storage@" + RECORDER), asked.keySet(),
                "a recorder node holds the keys of its own services only");
        await("vigil-2 renews its lease", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM recorder_node WHERE node = ? AND lease_until > now()", RECORDER) == 1);
        long leaseUntil = db.count("SELECT (extract(epoch FROM lease_until) * 1000)::bigint FROM recorder_node WHERE node = ?",
                RECORDER);
        await("vigil-2 renewed its lease for 3 s more, the planner ran meanwhile", Duration.ofSeconds(30),
                () -> db.count("SELECT (extract(epoch FROM lease_until) * 1000)::bigint FROM recorder_node WHERE node = ?",
                        RECORDER) > leaseUntil + 3000);
        assertEquals(0, db.count("SELECT count(*) FROM camera_owner WHERE node = ?", RECORDER),
                "no camera goes to a node whose keys are not approved");

        asked.forEach(api::approveKey);
        await("one camera each", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM camera_owner WHERE node = ?", RECORDER) == 1);
        long frozenCamera = db.count("SELECT camera_id FROM camera_owner WHERE node = ?", RECORDER);
        await("vigil-2 records and seals camera " + frozenCamera, Duration.ofSeconds(40),
                () -> db.count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_node = ?", frozenCamera, RECORDER) >= 2);
        // it records with the camera's password and data key sealed for its own key: it holds no master key, and
        // nothing is sealed for it but the camera it owns (vigil-1, the management node, opens with the master key)
        assertFalse(Files.exists(LocalServer.recorderHome(nodes.home, RECORDER).masterKey()));
        assertEquals(List.of(RECORDER + ":" + frozenCamera), db.texts(
                "SELECT node || ':' || camera_id FROM camera_seal ORDER BY node, camera_id"));
        assertEquals(1, db.count("""
                SELECT count(*) FROM camera_seal s JOIN recorder_node n ON n.node = s.node
                 WHERE s.certificate_sha256 = sha256(n.seal_certificate) AND s.password_sealed IS NOT NULL"""),
                "sealed for the certificate it published, password and data key");
        // its heartbeat went through its outbox and the bridge to the management node, which accepted it
        recorder.awaitHealthy(Duration.ofSeconds(30));
        assertEquals(1, db.count("SELECT count(*) FROM service_heartbeat WHERE producer = ?", "svc-recorder@" + RECORDER));
        // its analytics outbox, whose service it does not run (so the management broker refuses its sign-in), gave up
        // after one attempt and one retry at each start of its broker, instead of a refused sign-in every 30 s for ever
        List<String> recorderLog = VigilDeployment.serverLog(recorder.serverLog().getParent()).lines().toList();
        List<String> analyticsOutbox = recorderLog.stream().filter(line -> line.contains("vigil-outbox-analytics-events")).toList();
        long brokerStarts = recorderLog.stream().filter(line -> line.contains("AMQ221000")).count();
        assertEquals(brokerStarts, analyticsOutbox.stream().filter(line -> line.contains("AMQ222101")).count(),
                "it stopped retrying at each start: " + analyticsOutbox);
        assertEquals(2 * brokerStarts, analyticsOutbox.stream().filter(line -> line.contains("AMQ224091")).count(),
                "two refused attempts a start: " + analyticsOutbox);

        // SIGSTOP, as a partition or a long pause: the camera moves on; thawed, vigil-2 cannot append what it
        // recorded meanwhile, which is kept aside and reported
        long lostEpoch = db.count("SELECT epoch FROM camera_owner WHERE camera_id = ?", frozenCamera);
        recorder.freeze();
        Instant frozen = Instant.now();
        try {
            await("camera " + frozenCamera + " recorded by vigil-1 while vigil-2 is frozen", Duration.ofSeconds(45),
                    () -> db.count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_node = 'vigil-1' AND start_ts > ?",
                            frozenCamera, Timestamp.from(frozen)) > 0);
        } finally {
            recorder.thaw();
        }
        await("what vigil-2 recorded under the epoch it lost is kept aside and audited", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM audit_event WHERE action = 'segment.kept.aside' AND target = ? AND detail LIKE ?",
                        "camera:" + frozenCamera, "recorded by " + RECORDER + " under epoch " + lostEpoch + ", owner %") > 0);
        assertEquals(0, db.count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_node = ? AND end_ts > ?",
                frozenCamera, RECORDER, Timestamp.from(frozen)), "nothing vigil-2 recorded after it froze entered the chain");
        await("vigil-2 is given a camera again", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM segment s JOIN camera_owner o ON o.camera_id = s.camera_id AND o.node = s.owner_node "
                        + "AND o.epoch = s.owner_epoch WHERE o.node = ?", RECORDER) > 0);
        long moved = db.count("SELECT camera_id FROM camera_owner WHERE node = ?", RECORDER);

        // SIGKILL: the other node takes the camera within 15 s
        recorder.kill();
        Instant killed = Instant.now();
        long lastOnRecorder = db.count("SELECT max(chain_seq) FROM segment WHERE camera_id = ? AND owner_node = ?", moved, RECORDER);
        await("camera " + moved + " sealed by vigil-1 again", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM segment WHERE camera_id = ? AND owner_node = 'vigil-1' AND chain_seq > ?",
                        moved, lastOnRecorder) > 0);
        Duration failover = Duration.between(killed, Instant.now());
        Duration gap = db.gapAfter(moved, lastOnRecorder);
        System.out.printf("failover: first segment of vigil-1 sealed %d ms after the kill; recording gap %d ms%n",
                failover.toMillis(), gap.toMillis());
        assertTrue(failover.compareTo(Duration.ofSeconds(15)) <= 0, "recorded again within 15 s of the kill: " + failover);
        // the segment being recorded at the kill is not in the chain (kept aside when the node returns)
        assertTrue(gap.compareTo(failover.plus(SEGMENT)) <= 0,
                "the gap (" + gap + ") is no longer than the outage (" + failover + ") and the segment the kill cut");
        // playback through the management node crosses the failover: its timeline breaks there by the chain's gap
        // alone, and it serves the last segment vigil-2 sealed and the first of vigil-1 alike
        Instant lastStart = Instant.ofEpochMilli(db.count("SELECT (extract(epoch FROM start_ts) * 1000)::bigint FROM segment "
                + "WHERE camera_id = ? AND chain_seq = ?", moved, lastOnRecorder));
        JsonObject recordings = api.recordings(moved, lastStart, Instant.now());
        List<Instant[]> spans = recordings.getJsonArray("spans").getValuesAs(JsonObject.class).stream()
                .map(span -> new Instant[] {Instant.parse(span.getString("start")), Instant.parse(span.getString("end"))}).toList();
        List<Long> breaks = new ArrayList<>();
        for (int i = 1; i < spans.size(); i++) {
            breaks.add(Duration.between(spans.get(i - 1)[1], spans.get(i)[0]).toMillis());
        }
        assertEquals(1, breaks.size(), "one break in the timeline: " + breaks);
        assertTrue(Math.abs(breaks.get(0) - gap.toMillis()) <= 1, "the timeline's break " + breaks + " is the failover's gap " + gap);
        for (long seq : List.of(lastOnRecorder, lastOnRecorder + 1)) {
            HttpResponse<byte[]> played = api.segment(moved, seq);
            assertEquals(200, played.statusCode(), "segment " + seq);
            assertEquals("ftyp", new String(played.body(), 4, 4, StandardCharsets.US_ASCII), "segment " + seq + " is MP4");
        }

        // it comes back: a camera moves to it again, once (not to and fro while it deploys), with no chain position used twice
        Instant restarted = Instant.now();
        recorder.start();
        recorder.awaitHealthy(Duration.ofMinutes(3));
        Instant back = Instant.now();
        await("vigil-2 records a camera again", Duration.ofSeconds(40),
                () -> db.count("SELECT count(*) FROM segment WHERE owner_node = ? AND start_ts > ?", RECORDER,
                        Timestamp.from(back)) > 0);
        long returned = db.count("SELECT camera_id FROM camera_owner WHERE node = ?", RECORDER);
        assertEquals(List.of("vigil-1 -> vigil-2, handed over"), db.texts("SELECT regexp_replace(detail, ' \\(epoch \\d+\\)', '', 'g') "
                + "FROM audit_event WHERE action = 'camera.owner' AND event_ts > ? ORDER BY id", Timestamp.from(restarted)),
                "the camera moves back once");
        long firstBack = db.count("SELECT min(chain_seq) FROM segment WHERE camera_id = ? AND owner_node = ? AND start_ts > ?",
                returned, RECORDER, Timestamp.from(back));
        Duration backGap = db.gapAfter(returned, firstBack - 1);
        System.out.printf("move back: camera %d, gap %d ms between vigil-1's last chained segment and vigil-2's first%n",
                returned, backGap.toMillis());
        // handed over: vigil-1, alive, still added the segment it was recording at the move
        assertTrue(backGap.compareTo(SEGMENT) <= 0, "the move back leaves a gap (" + backGap + ") no longer than a segment");
        for (long camera : cameras) {
            // one query, one snapshot: the camera is still recorded, and two queries could each see another chain length
            List<String> chain = db.texts("SELECT count(*) || ' ' || max(chain_seq) || ' ' || count(DISTINCT chain_seq) "
                    + "FROM segment WHERE camera_id = ?", camera);
            String[] counts = chain.get(0).split(" ");
            assertEquals(counts[0], counts[1], "camera " + camera + ": chain positions 1..n, none left out (segments, highest position)");
            assertEquals(counts[0], counts[2], "camera " + camera + ": no chain position twice (segments, positions)");
        }
        assertIntact(cameras);
    }

    @Test
    @Order(3)
    void theRecorderNodesDatabaseRoleReadsNoUserOrRightAndCannotWriteTheAuditTrail() throws Exception {
        String role = EmbeddedDatabase.RECORDER;
        await("vigil-2 connected", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", "vigil " + RECORDER) > 0);
        assertEquals(List.of(role), db.texts("SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = ?",
                "vigil " + RECORDER), "vigil-2 works as the recorder's database role");
        assertEquals(List.of(EmbeddedDatabase.OWNER), db.texts("SELECT DISTINCT usename FROM pg_stat_activity "
                + "WHERE application_name = ?", "vigil " + NodePair.MANAGEMENT), "the management node as the owner");

        String password = nodes.installation.secrets().require(ServerSetup.DB_RECORDER_PASSWORD);
        assertEquals("", db.stateAs(role, password, "SELECT count(*) FROM segment s JOIN camera c ON c.id = s.camera_id"),
                "it reads the cameras and the segment index");
        assertEquals("", db.stateAs(role, password, "INSERT INTO recorder_node (node, lease_until) VALUES ('vigil-9', now())"),
                "it renews a lease");
        for (String sql : List.of(
                "SELECT * FROM app_user", "SELECT * FROM app_user_role", "SELECT * FROM access_grant", "SELECT * FROM user_totp",
                "SELECT * FROM sso_ticket", "SELECT * FROM account_guard", "SELECT * FROM approval_request",
                "SELECT * FROM audit_event",
                "INSERT INTO audit_event (actor, action, outcome) VALUES ('admin', 'user.login', 'SUCCESS')",
                "UPDATE audit_event SET detail = 'rewritten'", "DELETE FROM audit_event", "DELETE FROM audit_chain_head",
                "UPDATE segment SET chain_hash = chain_hash", "DELETE FROM segment",
                "UPDATE camera_owner SET node = 'vigil-2'", "DELETE FROM camera_owner",
                "INSERT INTO camera_seal SELECT camera_id, 'vigil-9', password_sealed, data_key_sealed, sealed_from, "
                        + "certificate_sha256, now() FROM camera_seal", "DELETE FROM camera_seal",
                "UPDATE camera SET enabled = false", "UPDATE storage_volume SET path = '/tmp'",
                "UPDATE service_key SET revoked_ts = NULL", "INSERT INTO service_key SELECT * FROM service_key",
                "LOCK TABLE service_key IN SHARE ROW EXCLUSIVE MODE", "CREATE TABLE spare (id int)")) {
            assertEquals("42501", db.stateAs(role, password, sql), "refused to " + role + ": " + sql);
        }

        // what vigil-2 audited (its keys asked for, what it kept aside) came through report_audit, naming its role,
        // and is sealed into the audit chain like every other entry
        String reported = "% [reported by database role " + role + "]";
        assertEquals(2, db.count("SELECT count(*) FROM audit_event WHERE action = 'producer.key.requested' AND actor LIKE ? "
                + "AND detail LIKE ?", "%@" + RECORDER, reported));
        assertTrue(db.count("SELECT count(*) FROM audit_event WHERE action = 'segment.kept.aside' AND detail LIKE ?", reported) > 0);
        await("vigil-2's reports sealed into the audit chain", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM audit_event WHERE detail LIKE ? AND chain_seq IS NULL", reported) == 0);
    }

    /** The chains verify end to end, checked through the management node with the auditors' command-line tool. */
    private static void assertIntact(List<Long> cameras) {
        // recording goes on during the check: it checks at least what was sealed before it, at most what was after
        Map<Long, Long> before = cameras.stream().collect(Collectors.toMap(c -> c, RecorderNodesIT::segments));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = IntegrityCheck.run(new String[] {"--url", management.baseUrl(), "--home", nodes.home.root().toString()},
                adminPassword, new PrintStream(printed, true), System.err);
        assertEquals(0, status, printed.toString());
        for (long camera : cameras) {
            Matcher checked = Pattern.compile("(?m)^camera " + camera + ": (\\d+) segments checked, INTACT$").matcher(printed.toString());
            assertTrue(checked.find(), printed.toString());
            long count = Long.parseLong(checked.group(1));
            assertTrue(count >= before.get(camera) && count <= segments(camera),
                    "camera " + camera + ": " + count + " checked, " + before.get(camera) + " sealed before the check: " + printed);
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
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
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

    private static long segments(long cameraId) {
        return db.count("SELECT count(*) FROM segment WHERE camera_id = ?", cameraId);
    }

    private static long segmentsStartingAt(long cameraId, long startMs) {
        return db.count("SELECT count(*) FROM segment WHERE camera_id = ? AND start_ts = ?", cameraId,
                Timestamp.from(Instant.ofEpochMilli(startMs)));
    }

    private static Instant newestStart(long cameraId) {
        return Instant.ofEpochMilli(db.count(
                "SELECT coalesce((extract(epoch FROM max(start_ts)) * 1000)::bigint, 0) FROM segment WHERE camera_id = ?", cameraId));
    }

    private static Instant firstStartAfter(long cameraId, Instant after) {
        return Instant.ofEpochMilli(db.count("SELECT (extract(epoch FROM min(start_ts)) * 1000)::bigint FROM segment "
                + "WHERE camera_id = ? AND start_ts > ?", cameraId, Timestamp.from(after)));
    }
}
