package org.vigilvms.it;

import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.jms.envelope.EnvelopeVerifier;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;

/**
 * Benchmark, not a test (testkit/bench/analytics.sh runs it): motion onset in a virtual camera to
 * the alarm shown in headless Chromium; 16 cameras analysed at 5 pictures/s while recording
 * (against recording alone, same run); signed events per second through JMS into PostgreSQL
 * (against plain JDBC inserts of the same rows, same run). Writes target/bench/analytics.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnalyticsBench {

    private static final String PASSWORD = "bench-Pa55word";
    private static final String ZONES = """
            {"enabled": true, "sensitivity": 60, "tamper": true,
             "zones": [{"name": "door", "x": 0.55, "y": 0.2, "width": 0.4, "height": 0.6}], "masks": []}""";
    private final StringBuilder report = new StringBuilder();

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("vigil.bench.seconds", 60);
        int onsets = Integer.getInteger("vigil.bench.onsets", 20);
        int events = Integer.getInteger("vigil.bench.events", 20_000);
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        line("Analytics benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        String phases = System.getProperty("vigil.bench.phases", "onset,throughput,ingest");
        if (phases.contains("onset")) {
            onsetToBrowser(admin, onsets);
        }
        if (phases.contains("substreams")) {
            subStreams(admin, seconds);
        }
        if (phases.contains("throughput")) {
            throughput(admin, seconds);
        }
        if (phases.contains("ingest")) {
            ingest(admin, events);
        }
        Path out = Path.of(System.getProperty("vigil.it.dir"), "bench", "analytics.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** 1. An intruder appears; how long until the console shows the alarm (same host clock). */
    private void onsetToBrowser(HttpClient admin, int runs) throws Exception {
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(701, PASSWORD), -1);
             Browser browser = Browser.start(1280, 800)) {
            VirtualCamera camera = fleet.camera(0);
            camera.scene().still = true;
            long id = VigilDeployment.addCamera(admin, "bench onset", camera.rtspUrl(), PASSWORD);
            put(admin, "/api/v1/cameras/" + id + "/analytics", ZONES);
            post(admin, "/api/v1/alarms/rules", "{\"name\":\"bench door\",\"eventType\":\"MOTION\",\"cameras\":[" + id
                    + "],\"priority\":3,\"actions\":[\"NOTIFY\"]}");
            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/alarms.xhtml");
            Thread.sleep(10_000); // recording, analysis and the background model settle
            List<Long> toBrowser = new ArrayList<>();
            List<Long> toStored = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long received = ((Number) browser.driver.executeScript("return window.vigilAlarms.received;")).longValue();
                long onset = System.currentTimeMillis();
                camera.scene().intruder(0.65, 0.3, 0.2, 0.35);
                Instant deadline = Instant.now().plusSeconds(15);
                while (((Number) browser.driver.executeScript("return window.vigilAlarms.received;")).longValue() == received
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
                Object at = browser.driver.executeScript("return window.vigilAlarms.last ? window.vigilAlarms.last.at : 0;");
                if (((Number) browser.driver.executeScript("return window.vigilAlarms.received;")).longValue() > received) {
                    toBrowser.add(((Number) at).longValue() - onset);
                    toStored.add(count("SELECT (extract(epoch FROM max(received_ts)) * 1000)::bigint FROM analytics_event "
                            + "WHERE camera_id = ?", id) - onset);
                }
                Thread.sleep(1500);
                camera.scene().noIntruder();
                Thread.sleep(4000); // the event ends, the scene is still again
            }
            line(String.format("motion onset -> alarm in the browser, %d of %d onsets seen: median %d ms, p95 %d ms, max %d ms "
                            + "(onset -> event stored: median %d ms, p95 %d ms)", toBrowser.size(), runs,
                    LiveViewBench.percentile(toBrowser, 50), LiveViewBench.percentile(toBrowser, 95),
                    LiveViewBench.percentile(toBrowser, 100), LiveViewBench.percentile(toStored, 50),
                    LiveViewBench.percentile(toStored, 95)));
            post(admin, "/api/v1/cameras/" + id + "/disable", "");
        }
    }

    /** 2. 16 cameras recorded, then also analysed: server CPU and pictures analysed per camera per second. */
    private void throughput(HttpClient admin, int seconds) throws Exception {
        // benchmark mode (a 4 s loop encoded once): 16 live encoders would starve the server of the 2 cores
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(16, CameraConfig.forTests(801, PASSWORD), -1, 4)) {
            List<Long> ids = new ArrayList<>();
            for (VirtualCamera camera : fleet.cameras()) {
                ids.add(VigilDeployment.addCamera(admin, "bench analytics " + camera.config().id(), camera.rtspUrl(), PASSWORD));
            }
            Thread.sleep(10_000);
            ProcessHandle server = LiveViewBench.wildfly();
            double recording = LiveViewBench.cpuPercent(server, seconds);
            for (long id : ids) {
                put(admin, "/api/v1/cameras/" + id + "/analytics", ZONES);
            }
            Thread.sleep(5_000);
            String before = get(admin, "/api/v1/analytics/stats").body();
            long start = System.nanoTime();
            double analysing = LiveViewBench.cpuPercent(server, seconds);
            String after = get(admin, "/api/v1/analytics/stats").body();
            double elapsed = (System.nanoTime() - start) / 1e9;
            long analysed = 0;
            long dropped = 0;
            for (long id : ids) {
                analysed += stat(after, id, "analysed") - stat(before, id, "analysed");
                dropped += stat(after, id, "dropped") - stat(before, id, "dropped");
            }
            line(String.format("16 cameras (640x360, 25 fps) for %d s: server CPU recording only %.1f %%, recording + analytics "
                            + "%.1f %% (%% of one core; 2 cores = 200 %%); analysed %.2f pictures/s per camera (target 5), "
                            + "%d packets dropped by analytics falling behind", seconds, recording, analysing,
                    analysed / elapsed / ids.size(), dropped));
            for (long id : ids) {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    /**
     * 2b. Sixteen 1080p cameras recorded and analysed, first from their main streams, then (same
     * run, same cameras) from their sub-streams (960x540): server CPU, pictures analysed, packets
     * analytics dropped, and the frames the recording stored in each window against the frames its
     * segments' span holds at 25 fps.
     */
    private void subStreams(HttpClient admin, int seconds) throws Exception {
        CameraConfig template = new CameraConfig(851, 1920, 1080, 25, 4_000_000, 25, "admin", PASSWORD, 0, 0, 0, 0);
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(16, template, -1, 4)) {
            List<Long> ids = new ArrayList<>();
            for (VirtualCamera camera : fleet.cameras()) {
                ids.add(VigilDeployment.addCamera(admin, "bench sub " + camera.config().id(), camera.rtspUrl(), PASSWORD));
            }
            for (long id : ids) {
                put(admin, "/api/v1/cameras/" + id + "/analytics", ZONES);
            }
            Thread.sleep(15_000);
            analysedWindow(admin, ids, seconds, "from their main streams (1920x1080)");
            for (int i = 0; i < ids.size(); i++) {
                post(admin, "/api/v1/cameras/" + ids.get(i) + "/sub-stream", "{\"url\":\"" + fleet.cameras().get(i).subRtspUrl() + "\"}");
            }
            for (long id : ids) {
                VigilDeployment.awaitCamera(admin, id, "sub-stream online", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
            }
            Thread.sleep(5_000);
            analysedWindow(admin, ids, seconds, "from their sub-streams (" + fleet.camera(0).subWidth() + "x"
                    + fleet.camera(0).subHeight() + ")");
            for (long id : ids) {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    private void analysedWindow(HttpClient admin, List<Long> ids, int seconds, String what) throws Exception {
        ProcessHandle server = LiveViewBench.wildfly();
        String before = get(admin, "/api/v1/analytics/stats").body();
        Instant from = Instant.now();
        long start = System.nanoTime();
        double cpu = LiveViewBench.cpuPercent(server, seconds);
        String after = get(admin, "/api/v1/analytics/stats").body();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Instant to = Instant.now();
        long analysed = 0;
        long dropped = 0;
        for (long id : ids) {
            analysed += stat(after, id, "analysed") - stat(before, id, "analysed");
            dropped += stat(after, id, "dropped") - stat(before, id, "dropped");
        }
        Thread.sleep(12_000); // the segments of the window sealed
        long stored = 0;
        long spanned = 0;
        try (Connection c = VigilDeployment.database(); PreparedStatement q = c.prepareStatement(
                "SELECT coalesce(sum(frames), 0), coalesce(sum(duration_ms), 0) FROM segment WHERE camera_id = ANY (?) "
                        + "AND start_ts >= ? AND end_ts <= ?")) {
            q.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            q.setTimestamp(2, Timestamp.from(from));
            q.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
                spanned = Math.round(rs.getLong(2) * 25 / 1000.0);
            }
        }
        line(String.format("16 cameras (1920x1080, 25 fps, recorded) analysed %s for %d s: server CPU %.1f %% of one core; "
                        + "analysed %.2f pictures/s per camera (target 5); %d packets dropped by analytics falling behind; "
                        + "recording: %d frames stored in the segments of the window, whose span holds %d at 25 fps", what, seconds, cpu,
                analysed / elapsed / ids.size(), dropped, stored, spanned));
    }

    /** 3. Signed events from an enrolled node over TLS into PostgreSQL, against plain JDBC inserts. */
    private void ingest(HttpClient admin, int total) throws Exception {
        setProperty("vigil.events.per.camera.rate", "1000000");
        List<Long> cameras = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cameras.add(VigilDeployment.addCamera(admin, "bench ingest " + i, "rtsp://127.0.0.1:9/none", PASSWORD));
            post(admin, "/api/v1/cameras/" + cameras.get(i) + "/disable", "");
        }
        RemoteNode node = RemoteNode.enrolled("bench-" + UUID.randomUUID());
        ProcessHandle server = LiveViewBench.wildfly();
        // warm-up, not measured: the server's JIT compiles the ingest path (it was just started)
        ingestRun(node, motions(node, cameras, Math.min(total, 10_000)), Double.POSITIVE_INFINITY, server);
        List<Envelope> sealed = motions(node, cameras, total);
        IngestRun flood = ingestRun(node, sealed, Double.POSITIVE_INFINITY, server);
        // the same again at the target's pace: does the server keep up, or does a backlog grow?
        List<Envelope> paced = motions(node, cameras, total);
        IngestRun atTarget = ingestRun(node, paced, 2000, server);

        // floor: the signature checks alone (what one event per message cannot share), one thread here
        EnvelopeVerifier checksOnly = new EnvelopeVerifier(producer -> Optional.of(node.publicKey()), (producer, epoch, sequence, sentAt) -> true,
                Clock.systemUTC(), Duration.ofHours(1), Duration.ofMinutes(1));
        long verifyStart = System.nanoTime();
        for (Envelope envelope : sealed) {
            if (!checksOnly.verify(envelope, Destinations.ANALYTICS_EVENTS).isAccepted()) {
                throw new IllegalStateException("a sealed event does not verify");
            }
        }
        double verifyMicros = (System.nanoTime() - verifyStart) / 1e3 / sealed.size();

        // the same number of events in batches of 100 under one signature each
        List<Envelope> batches = new ArrayList<>();
        for (int i = 0; i < total; i += 100) {
            List<AnalyticsEvent> batch = new ArrayList<>();
            for (int j = i; j < Math.min(total, i + 100); j++) {
                batch.add(RemoteNode.motion(cameras.get(j % cameras.size()), "door"));
            }
            batches.add(node.sealBatch(batch));
        }
        long beforeBatches = count("SELECT count(*) FROM analytics_event");
        Duration cpuBeforeBatches = server.info().totalCpuDuration().orElseThrow();
        long batchStart = System.nanoTime();
        node.send(batches.toArray(Envelope[]::new));
        Instant batchDeadline = Instant.now().plusSeconds(600);
        while (count("SELECT count(*) FROM analytics_event") - beforeBatches < total && Instant.now().isBefore(batchDeadline)) {
            Thread.sleep(100);
        }
        double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
        long batchStored = count("SELECT count(*) FROM analytics_event") - beforeBatches;
        double batchCpu = 100.0 * server.info().totalCpuDuration().orElseThrow().minus(cpuBeforeBatches).toNanos()
                / (batchSeconds * 1e9);

        // baseline: the same rows inserted directly, one transaction each, four connections
        int baselineRows = Math.min(total, 5_000);
        int threads = 4;
        long baseStart = System.nanoTime();
        ExecutorService inserters = Executors.newFixedThreadPool(threads);
        List<Future<?>> inserted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t * baselineRows / threads;
            int to = (t + 1) * baselineRows / threads;
            inserted.add(inserters.submit(() -> {
                try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                        "INSERT INTO analytics_event (event_id, camera_id, type, zone, start_ts, end_ts, score, boxes, producer, "
                                + "received_ts) VALUES (?, ?, 'MOTION', 'door', now(), now(), 0.2, '0.6,0.3,0.1,0.2', 'baseline', now())")) {
                    c.setAutoCommit(true);
                    for (int i = from; i < to; i++) {
                        s.setString(1, UUID.randomUUID().toString());
                        s.setLong(2, cameras.get(i % cameras.size()));
                        s.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : inserted) {
            f.get();
        }
        inserters.shutdown();
        double baseSeconds = (System.nanoTime() - baseStart) / 1e9;
        line(String.format("event ingest, one event per message, as fast as they come: %d signed events from a remote node (4 TLS "
                        + "connections, asynchronous sends) sent in %.1f s, %d stored in %.1f s: %.0f events/s end to end, server CPU %.0f %% "
                        + "meanwhile", total, flood.sendSeconds(), flood.stored(), flood.storeSeconds(), flood.stored() / flood.storeSeconds(),
                flood.cpu()));
        line(String.format("event ingest, one event per message, sent at 2,000/s: %d sent in %.1f s, %d stored in %.1f s (the last one "
                        + "%.1f s after the last send): %.0f events/s end to end, server CPU %.0f %% meanwhile", total, atTarget.sendSeconds(),
                atTarget.stored(), atTarget.storeSeconds(), atTarget.storeSeconds() - atTarget.sendSeconds(),
                atTarget.stored() / atTarget.storeSeconds(), atTarget.cpu()));
        line(String.format("floor: the envelope checks alone (Ed25519 verification), one thread of the test JVM: %.0f us each, "
                + "%.0f per second per core", verifyMicros, 1e6 / verifyMicros));
        line(String.format("event ingest, batches of 100 under one signature: %d stored in %.1f s: %.0f events/s end to end "
                        + "(target 2,000/s), server CPU %.0f %% meanwhile", batchStored, batchSeconds, batchStored / batchSeconds, batchCpu));
        line(String.format("baseline: plain JDBC insert, one row per transaction, 4 connections: %.0f rows/s", baselineRows / baseSeconds));
        setProperty("vigil.events.per.camera.rate", null);
    }

    /** {@code count} motion events over the cameras in turn, each sealed as its own message. */
    private static List<Envelope> motions(RemoteNode node, List<Long> cameras, int count) {
        List<Envelope> sealed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sealed.add(node.seal(RemoteNode.motion(cameras.get(i % cameras.size()), "door")));
        }
        return sealed;
    }

    private record IngestRun(double sendSeconds, double storeSeconds, long stored, double cpu) {
    }

    /** Sends {@code envelopes} from four connections at {@code perSecond} in all and waits until every event is stored. */
    private static IngestRun ingestRun(RemoteNode node, List<Envelope> envelopes, double perSecond, ProcessHandle server)
            throws Exception {
        int total = envelopes.size();
        long before = count("SELECT count(*) FROM analytics_event");
        Duration cpuBefore = server.info().totalCpuDuration().orElseThrow();
        long start = System.nanoTime();
        int threads = 4;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Envelope> share = envelopes.subList(t * total / threads, (t + 1) * total / threads);
            sent.add(senders.submit(() -> {
                node.sendPaced(perSecond / threads, share.toArray(Envelope[]::new));
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        Instant deadline = Instant.now().plusSeconds(600);
        while (count("SELECT count(*) FROM analytics_event") - before < total && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        double storeSeconds = (System.nanoTime() - start) / 1e9;
        long stored = count("SELECT count(*) FROM analytics_event") - before;
        double cpu = 100.0 * server.info().totalCpuDuration().orElseThrow().minus(cpuBefore).toNanos() / (storeSeconds * 1e9);
        return new IngestRun(sendSeconds, storeSeconds, stored, cpu);
    }

    /** One counter of one camera from the stats JSON (a list of flat objects, fields in any order). */
    private static long stat(String json, long cameraId, String field) {
        Matcher object = Pattern.compile("\\{[^}]*}").matcher(json);
        while (object.find()) {
            String o = object.group();
            if (o.matches(".*\"cameraId\":" + cameraId + "[,}].*")) {
                Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(o);
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            }
        }
        return 0;
    }

    private void setProperty(String name, String value) throws Exception {
        VigilDeployment.setServerProperty(management, name, value);
    }

    private static void put(HttpClient client, String path, String json) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.body());
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
