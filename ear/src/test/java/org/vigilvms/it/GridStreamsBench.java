package org.vigilvms.it;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;

/**
 * Benchmark, not a test (testkit/bench/grid-streams.sh runs it): a 4x4 live grid in headless
 * Chromium (1920x1080) of sixteen 1080p cameras (benchmark mode: encoded loops), first with every
 * tile on the cameras' main streams, then, in the same run with the same cameras, server and
 * browser, with the cameras' sub-streams (960x540) set, which those tiles fit. For each: the
 * browser's CPU (all Chromium processes), the server's, stalls (2 s without progress), the frames
 * each tile painted (counted by {@code requestVideoFrameCallback}; the cameras replay a loop,
 * so their burned-in counters repeat). Writes target/bench/grid-streams.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GridStreamsBench {

    private static final String PASSWORD = "bench-Pa55word";
    private final StringBuilder report = new StringBuilder();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("vigil.bench.seconds", 60);
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        line("Grid of 16 tiles, main streams vs sub-streams, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + seconds + " s each");
        CameraConfig template = new CameraConfig(701, 1920, 1080, 25, 4_000_000, 25, "admin", PASSWORD, 0, 0, 0, 0);
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(16, template, -1, 4);
             Browser browser = Browser.start(1920, 1080)) {
            List<Long> ids = new ArrayList<>();
            for (VirtualCamera camera : fleet.cameras()) {
                ids.add(VigilDeployment.addCamera(admin, "grid " + camera.config().id(), camera.rtspUrl(), PASSWORD));
            }
            for (long id : ids) {
                VigilDeployment.awaitStatus(admin, id, "ONLINE");
            }
            browser.signIn("admin", VigilDeployment.adminPassword());
            watch(browser, seconds, "main streams (1920x1080)");
            for (int i = 0; i < ids.size(); i++) {
                HttpResponse<String> set = VigilDeployment.post(admin, "/api/v1/cameras/" + ids.get(i) + "/sub-stream",
                        "{\"url\":\"" + fleet.cameras().get(i).subRtspUrl() + "\"}");
                if (set.statusCode() != 200) {
                    throw new AssertionError(set.body());
                }
            }
            for (long id : ids) {
                VigilDeployment.awaitCamera(admin, id, "sub-stream online", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
            }
            watch(browser, seconds, "sub-streams (" + fleet.camera(0).subWidth() + "x" + fleet.camera(0).subHeight() + ")");
            for (long id : ids) {
                VigilDeployment.post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
        Path out = Path.of(System.getProperty("vigil.it.dir"), "bench", "grid-streams.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /**
     * Opens the 4x4 grid, lets it settle, then measures for {@code seconds}: a light probe (no
     * canvas reads, which would cost the browser more than the decoding) looks at each tile's
     * play position every 250 ms and counts a stall when it stood still for 2 s.
     */
    private void watch(Browser browser, int seconds, String what) throws Exception {
        browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=4");
        Thread.sleep(10_000); // connect, first key picture, settle
        browser.driver.executeScript("""
                var tiles = Array.from(document.querySelectorAll('video[data-camera]'));
                var g = window.vigilGrid = { stalls: {}, last: {}, shown: tiles.map(() => 0), asked: tiles.map(() => 0),
                  chain: tiles.map(() => 0) };
                // frames painted, counted per tile by requestVideoFrameCallback (a player reset does not reset it); one
                // chain of callbacks per tile: a chain started again after a silence ends the one before
                function count(v, i, chain) {
                  v.requestVideoFrameCallback(function () {
                    if (chain !== g.chain[i]) { return; }
                    g.shown[i]++; g.asked[i] = Date.now(); count(v, i, chain);
                  });
                }
                tiles.forEach(function (v, i) { g.asked[i] = Date.now(); count(v, i, 0); });
                g.timer = setInterval(function () {
                  var now = Date.now();
                  tiles.forEach(function (v, i) {
                    if (now - g.asked[i] > 1000) { g.asked[i] = now; count(v, i, ++g.chain[i]); } // lost with a new source?
                    var l = g.last[i];
                    if (l && v.currentTime <= l.t && now - l.since > 2000) { g.stalls[i] = (g.stalls[i] || 0) + 1; l.since = now; }
                    else if (!l || v.currentTime > l.t) { g.last[i] = { t: v.currentTime, since: now }; }
                  });
                }, 250);""");
        ProcessHandle server = LiveViewBench.wildfly();
        Map<Long, Duration> browserBefore = chromiumCpu();
        Duration serverBefore = server.info().totalCpuDuration().orElseThrow();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long elapsed = System.nanoTime() - start;
        double browserCpu = 100.0 * since(browserBefore, chromiumCpu()).toNanos() / elapsed;
        double serverCpu = 100.0 * server.info().totalCpuDuration().orElseThrow().minus(serverBefore).toNanos() / elapsed;
        Object result = browser.driver.executeScript("""
                var g = window.vigilGrid; clearInterval(g.timer);
                var tiles = Array.from(document.querySelectorAll('video[data-camera]'));
                var stalled = Object.values(g.stalls).reduce((a, b) => a + b, 0);
                var shown = g.shown.slice();
                g.chain = g.chain.map(c => c + 1); // callbacks still pending count no more
                return JSON.stringify({ widths: tiles.map(v => v.videoWidth).join(' '), stalledTiles: Object.keys(g.stalls).length,
                  stallCount: stalled, stalls: g.stalls, framesShown: shown.join(' '),
                  framesShownMean: Math.round(shown.reduce((a, b) => a + b, 0) / shown.length) });""");
        line(String.format("%s: browser CPU %.1f %% of one core (all Chromium processes), server (WildFly) %.1f %%", what, browserCpu,
                serverCpu));
        line("  " + what + ": " + result + " (per tile: picture width; frames painted in the window, " + seconds * 25
                + " sent by each 25 fps camera; stalls: tile index -> count of 2 s without progress)");
    }

    /** Accumulated CPU of every Chromium process now, by process id. */
    private static Map<Long, Duration> chromiumCpu() {
        Map<Long, Duration> cpu = new HashMap<>();
        ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").contains("chromium"))
                .forEach(p -> p.info().totalCpuDuration().ifPresent(d -> cpu.put(p.pid(), d)));
        return cpu;
    }

    /** CPU spent between two readings by the processes alive at both (a renderer that came and went is missed). */
    private static Duration since(Map<Long, Duration> before, Map<Long, Duration> after) {
        Duration total = Duration.ZERO;
        for (Map.Entry<Long, Duration> e : after.entrySet()) {
            total = total.plus(e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)));
        }
        return total;
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
