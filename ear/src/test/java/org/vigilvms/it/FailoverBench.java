package org.vigilvms.it;

import static org.vigilvms.it.VigilDeployment.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;

/**
 * Failover benchmark (issue #18): two nodes of an installation of their own ({@link NodePair}),
 * the cameras shared between them; the recorder node is killed with SIGKILL {@code vigil.bench.kills}
 * times (default 10) and started again after each kill. Per camera it lost: the time from the kill
 * until {@code vigil-1} has sealed the camera's first segment (observed every 100 ms), and the gap
 * in the camera's chain between the last segment {@code vigil-2} sealed and that one; per camera
 * handed back to {@code vigil-2} after it returned, the gap between {@code vigil-1}'s last link and
 * {@code vigil-2}'s first. Writes
 * target/bench/failover.txt. Run by testkit/bench/failover.sh, not by the test suite.
 */
class FailoverBench {

    private static final String CAMERA_PASSWORD = "bench-Pa55word";
    /** An aggregate over the gaps (ms) between chain neighbours recorded by one node under one epoch. */
    private static final String BASELINE = """
            SELECT %s FROM (SELECT (extract(epoch FROM (n.start_ts - p.end_ts)) * 1000)::bigint AS gap
                              FROM segment p JOIN segment n ON n.camera_id = p.camera_id AND n.chain_seq = p.chain_seq + 1
                             WHERE n.owner_node = p.owner_node AND n.owner_epoch = p.owner_epoch) pairs""";

    @Test
    void failoverAfterKills() throws Exception {
        int kills = Integer.getInteger("vigil.bench.kills", 10);
        int count = Integer.getInteger("vigil.bench.cameras", 4);
        List<Long> failovers = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        List<Long> backGaps = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try (NodePair nodes = NodePair.prepare("bench-nodes-home", 800, 850);
             VirtualCameraFleet fleet = VirtualCameraFleet.start(count, CameraConfig.forTests(801, CAMERA_PASSWORD), -1)) {
            InstallationDb db = nodes.db;
            AdminApi api = nodes.startManagement();
            for (int i = 0; i < count; i++) {
                api.addCamera("bench " + i, fleet.camera(i).rtspUrl(), CAMERA_PASSWORD);
            }
            nodes.recorder.start();
            nodes.recorder.awaitDeployed(Duration.ofMinutes(3));
            api.keyRequests().forEach(api::approveKey);
            for (int round = 1; round <= kills; round++) {
                awaitShare(db, count);
                Map<Long, Long> lastSealed = new HashMap<>();
                nodes.recorder.kill();
                Instant killed = Instant.now();
                for (long camera : cameras(db, count)) {
                    if (db.count("SELECT count(*) FROM camera_owner WHERE camera_id = ? AND node = ?", camera, NodePair.RECORDER) == 1) {
                        lastSealed.put(camera, db.count("SELECT max(chain_seq) FROM segment WHERE camera_id = ? AND owner_node = ?",
                                camera, NodePair.RECORDER));
                    }
                }
                Map<Long, Long> resumedMs = new HashMap<>();
                Instant deadline = killed.plusSeconds(60);
                while (resumedMs.size() < lastSealed.size() && Instant.now().isBefore(deadline)) {
                    for (Map.Entry<Long, Long> lost : lastSealed.entrySet()) {
                        if (!resumedMs.containsKey(lost.getKey()) && db.count("SELECT count(*) FROM segment WHERE camera_id = ? "
                                + "AND owner_node = ? AND chain_seq > ?", lost.getKey(), NodePair.MANAGEMENT, lost.getValue()) > 0) {
                            resumedMs.put(lost.getKey(), Duration.between(killed, Instant.now()).toMillis());
                        }
                    }
                    Thread.sleep(100);
                }
                for (Map.Entry<Long, Long> lost : lastSealed.entrySet()) {
                    long failover = resumedMs.getOrDefault(lost.getKey(), -1L);
                    long gap = failover < 0 ? -1 : db.gapAfter(lost.getKey(), lost.getValue()).toMillis();
                    failovers.add(failover < 0 ? Long.MAX_VALUE : failover);
                    gaps.add(gap < 0 ? Long.MAX_VALUE : gap);
                    report.append(String.format("kill %2d  camera %d  sealed again after %6d ms  gap %6d ms%n", round,
                            lost.getKey(), failover, gap));
                }
                nodes.recorder.start();
                nodes.recorder.awaitHealthy(Duration.ofMinutes(3));
                // the move back: handed over by vigil-1, which is alive, to vigil-2
                awaitShare(db, count);
                for (long camera : cameras(db, count)) {
                    long firstBack = db.count("""
                            SELECT coalesce(min(s.chain_seq), 0) FROM segment s JOIN camera_owner o ON o.camera_id = s.camera_id
                               AND o.node = s.owner_node AND o.epoch = s.owner_epoch WHERE s.camera_id = ? AND o.node = ?""",
                            camera, NodePair.RECORDER);
                    if (firstBack > 1) {
                        long gap = db.gapAfter(camera, firstBack - 1).toMillis();
                        backGaps.add(gap);
                        report.append(String.format("back %2d  camera %d  gap %6d ms%n", round, camera, gap));
                    }
                }
            }
            // the same run's baseline: neighbouring segments a node recorded under one ownership
            report.append(String.format("baseline: gap between neighbouring segments of one owner and epoch "
                            + "median %d ms, max %d ms (%d pairs)%n",
                    db.count(BASELINE.formatted("percentile_disc(0.5) WITHIN GROUP (ORDER BY gap)")),
                    db.count(BASELINE.formatted("max(gap)")), db.count(BASELINE.formatted("count(*)"))));
        }
        report.append(String.format("%n%d kills, %d cameras lost in all: kill -> first segment sealed by the other node "
                        + "median %d ms, max %d ms; gap in the chain median %d ms, max %d ms%n", kills, failovers.size(),
                LiveViewBench.percentile(failovers, 50), LiveViewBench.percentile(failovers, 100),
                LiveViewBench.percentile(gaps, 50), LiveViewBench.percentile(gaps, 100)));
        report.append(String.format("%d cameras moved back to vigil-2 (handed over): gap in the chain median %d ms, max %d ms%n",
                backGaps.size(), LiveViewBench.percentile(backGaps, 50), LiveViewBench.percentile(backGaps, 100)));
        Path out = Path.of(System.getProperty("vigil.it.dir"), "bench", "failover.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private static void awaitShare(InstallationDb db, int count) throws InterruptedException {
        await("vigil-2 records its share", Duration.ofMinutes(2), () -> db.count("""
                SELECT count(DISTINCT o.camera_id) FROM camera_owner o JOIN segment s ON s.camera_id = o.camera_id
                   AND s.owner_node = o.node AND s.owner_epoch = o.epoch WHERE o.node = ?""", NodePair.RECORDER) == count / 2);
    }

    private static List<Long> cameras(InstallationDb db, int count) {
        List<Long> ids = new ArrayList<>();
        for (long offset = 0; offset < count; offset++) {
            ids.add(db.count("SELECT id FROM camera ORDER BY id OFFSET ? LIMIT 1", offset));
        }
        return ids;
    }
}
