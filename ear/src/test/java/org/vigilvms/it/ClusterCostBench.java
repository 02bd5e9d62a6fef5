package org.vigilvms.it;

import static org.vigilvms.it.VigilDeployment.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;

/**
 * What a second recorder node costs (issue #18 benchmark), in one run on one machine: the same
 * cameras (1920x1080, 25 fps, 4 Mbit/s, benchmark mode) recorded first by {@code vigil-1} alone,
 * with every role, then shared by it and the recorder node {@code vigil-2} ({@link NodePair}),
 * whose heartbeats and camera status cross the broker bridge and whose sealed segments the
 * management node reads. Per layout, after a warm-up, over a window: the CPU of the WildFly JVMs
 * and of the installation's PostgreSQL with its backends, per stream; and the frames the
 * segments held that lie wholly in the window, against 25 per second of their length, with the
 * longest gap between a camera's neighbouring segments there. Writes target/bench/cluster-cost.txt.
 * Run by testkit/bench/cluster-cost.sh, not by the test suite.
 */
class ClusterCostBench {

    private static final String CAMERA_PASSWORD = "bench-Pa55word";
    private static final int FPS = 25;

    private record Window(String layout, int streams, double cpuPerStream, long frames, long expected, long longestGapMs) {

        String row() {
            return String.format("| %s | %d | %.2f %% | %d of %d (%.2f %% lost) | %d ms |", layout, streams, cpuPerStream, frames,
                    expected, expected == 0 ? 0 : 100.0 * (expected - frames) / expected, longestGapMs);
        }
    }

    @Test
    void recordingOnOneNodeThenOnTwo() throws Exception {
        int count = Integer.getInteger("vigil.bench.cameras", 16);
        int warmup = Integer.getInteger("vigil.bench.warmup", 60);
        int seconds = Integer.getInteger("vigil.bench.seconds", 60);
        List<Window> windows = new ArrayList<>();
        CameraConfig hd = new CameraConfig(901, 1920, 1080, FPS, 4_000_000, FPS, "admin", CAMERA_PASSWORD, 0, 0, 0, 0);
        try (NodePair nodes = NodePair.prepare("bench-cost-home", 900, 950);
             VirtualCameraFleet fleet = VirtualCameraFleet.start(count, hd, -1, 10)) {
            InstallationDb db = nodes.db;
            AdminApi api = nodes.startManagement();
            for (int i = 0; i < count; i++) {
                api.addCamera("bench " + i, fleet.camera(i).rtspUrl(), CAMERA_PASSWORD);
            }
            await("vigil-1 records every camera", Duration.ofMinutes(2), () -> recordedBy(db, NodePair.MANAGEMENT) == count);
            windows.add(measure("one node, every role (vigil-1)", nodes, count, warmup, seconds));

            nodes.recorder.start();
            nodes.recorder.awaitDeployed(Duration.ofMinutes(3));
            api.keyRequests().forEach(api::approveKey);
            await("vigil-2 records its share", Duration.ofMinutes(2), () -> recordedBy(db, NodePair.RECORDER) == count / 2);
            windows.add(measure("two nodes on this machine (vigil-1 every role, vigil-2 recorder)", nodes, count, warmup, seconds));
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format("%d cameras 1920x1080 %d fps 4 Mbit/s (benchmark mode), warm-up %d s, window %d s, %d cores%n%n",
                count, FPS, warmup, seconds, Runtime.getRuntime().availableProcessors()));
        report.append("| layout | streams | CPU per stream (of one core), WildFly + PostgreSQL | frames in the window's segments "
                + "| longest gap between segments |\n|---|---|---|---|---|\n");
        windows.forEach(w -> report.append(w.row()).append('\n'));
        report.append(String.format("%nsecond node's cost: %.2fx the CPU per stream of one node%n",
                windows.get(1).cpuPerStream() / windows.get(0).cpuPerStream()));
        Path out = Path.of(System.getProperty("vigil.it.dir"), "bench", "cluster-cost.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** After {@code warmup} s, the CPU the nodes and the database use over {@code seconds}, and the frames recorded then. */
    private static Window measure(String layout, NodePair nodes, int count, int warmup, int seconds) throws InterruptedException {
        Thread.sleep(warmup * 1000L); // a benchmark's warm-up, not a wait on a condition: JIT, pools, first segments
        Path pgdata = nodes.home.databaseDir();
        List<ProcessHandle> servers = new ArrayList<>(nodes.management.processes());
        servers.addAll(nodes.recorder.processes());
        Instant from = Instant.now();
        long before = ProcessCpu.ticks(servers) + ProcessCpu.postgresTicks(pgdata);
        Thread.sleep(seconds * 1000L);
        long after = ProcessCpu.ticks(servers) + ProcessCpu.postgresTicks(pgdata);
        Instant to = Instant.now();
        double elapsed = Duration.between(from, to).toMillis() / 1000.0;
        double cpuPerStream = 100.0 * (after - before) / ProcessCpu.TICKS_PER_SECOND / elapsed / count;
        InstallationDb db = nodes.db;
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        // every segment of the window is sealed once each camera has one sealed that begins after it
        await("a segment of every camera begun after the window", Duration.ofMinutes(1), () -> db.count(
                "SELECT count(DISTINCT camera_id) FROM segment WHERE start_ts >= ?", end) == count);
        long frames = db.count("SELECT coalesce(sum(frames), 0) FROM segment WHERE start_ts >= ? AND end_ts <= ?", start, end);
        long expected = db.count("SELECT coalesce(round(sum(extract(epoch FROM end_ts - start_ts)) * ?), 0)::bigint FROM segment "
                + "WHERE start_ts >= ? AND end_ts <= ?", FPS, start, end);
        long longestGap = db.count("""
                SELECT coalesce(max((extract(epoch FROM (n.start_ts - p.end_ts)) * 1000)::bigint), 0)
                  FROM segment p JOIN segment n ON n.camera_id = p.camera_id AND n.chain_seq = p.chain_seq + 1
                 WHERE p.start_ts >= ? AND n.end_ts <= ?""", start, end);
        return new Window(layout, count, cpuPerStream, frames, expected, longestGap);
    }

    /** How many cameras {@code node} has sealed a segment of under its current ownership. */
    private static long recordedBy(InstallationDb db, String node) {
        return db.count("""
                SELECT count(DISTINCT o.camera_id) FROM camera_owner o JOIN segment s ON s.camera_id = o.camera_id
                   AND s.owner_node = o.node AND s.owner_epoch = o.epoch WHERE o.node = ?""", node);
    }
}
