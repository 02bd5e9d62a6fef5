package org.vigilvms.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.DecodingClient;
import org.vigilvms.testkit.camera.FrameStamp;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;

/**
 * Benchmark, not a test (its name keeps it out of the test run; testkit/bench/live-view.sh runs
 * it): in headless Chromium, glass-to-glass latency of the live grid (burned-in capture time vs
 * the browser's clock when the frame is on screen), time to open playback at an instant until
 * its frame is shown, 16 tiles watched for a while counting stalls, and the server's CPU per
 * live viewer. Writes target/bench/live-view.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LiveViewBench {

    private static final String PASSWORD = "bench-Pa55word";
    private final StringBuilder report = new StringBuilder();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("vigil.bench.seconds", 60);
        // which parts run: latency (with the floor), playback, tiles; all by default
        List<String> parts = List.of(System.getProperty("vigil.bench.parts", "latency,playback,tiles").split(","));
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        String probe = new String(LiveViewBench.class.getResourceAsStream("/bench/stamp-probe.js").readAllBytes(),
                StandardCharsets.UTF_8);
        line("Live view benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");

        // 1. latency: four live cameras (640x360, 25 fps, 1 Mbit/s, GOP 1 s), 2x2 grid
        List<Long> live = new ArrayList<>();
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(4, CameraConfig.forTests(601, PASSWORD), 0);
             Browser browser = Browser.start(1280, 800)) {
            List<Long> ids = new ArrayList<>();
            for (var camera : fleet.cameras()) {
                ids.add(addCamera(admin, "bench " + camera.config().id(), camera.rtspUrl()));
            }
            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=2");
            Thread.sleep(8000); // connect, first keyframe, settle
            if (parts.contains("latency")) {
                browser.driver.executeScript(probe);
                List<Long> floor = floorWhile(fleet.camera(0), seconds);
                for (Object v : (List<?>) browser.driver.executeScript("return window.vigilProbe.take();")) {
                    live.add(((Number) v).longValue());
                }
                line(String.format("glass-to-glass latency, 4 tiles, %d s: %d samples, median %d ms, p95 %d ms, max %d ms",
                        seconds, live.size(), percentile(live, 50), percentile(live, 95), percentile(live, 100)));
                line(floorLine(floor));
                line(playerStates(browser));
            }

            // 1b. the cameras now send sound (G.711, re-encoded to AAC): the grid still gets pictures only,
            // the camera page gets them with the sound. A browser plays only as far as both tracks reach,
            // so the sound, which comes later, holds the pictures back there.
            for (var camera : fleet.cameras()) {
                camera.sendAudio(VirtualCamera.Microphone.G711);
            }
            for (long id : ids) { // reconnect: the stream described anew carries the sound
                post(admin, "/api/v1/cameras/" + id + "/disable");
                post(admin, "/api/v1/cameras/" + id + "/enable");
            }
            Thread.sleep(10000);
            // the camera page once per pace tried for streams with sound (lead/catch-up above, seconds; empty: the page's own)
            List<String> pages = new ArrayList<>();
            if (parts.contains("latency")) {
                pages.add("live.xhtml?layout=2");
                for (String pace : System.getProperty("vigil.bench.soundPaces", "").split(",", -1)) {
                    pages.add("camera.xhtml?id=" + ids.get(0) + (pace.isBlank() ? "" : "#" + pace));
                }
            }
            for (String page : pages) {
                browser.driver.get("about:blank"); // each page loads afresh (a page differing in its #pace only would not)
                browser.driver.get(VigilDeployment.BASE + "/" + page);
                if (page.contains("#")) {
                    String[] pace = page.substring(page.indexOf('#') + 1).split("/");
                    browser.driver.executeScript("window.vigilPace.WITH_SOUND.lead = " + Double.parseDouble(pace[0])
                            + "; window.vigilPace.WITH_SOUND.catchUpAbove = " + Double.parseDouble(pace[1]) + ";");
                }
                Thread.sleep(8000);
                browser.driver.executeScript(probe);
                List<Long> floor = floorWhile(fleet.camera(0), seconds);
                List<Long> samples = new ArrayList<>();
                for (Object v : (List<?>) browser.driver.executeScript("return window.vigilProbe.take();")) {
                    samples.add(((Number) v).longValue());
                }
                Object soundBytes = browser.driver.executeScript(
                        "return Array.from(document.querySelectorAll('video[data-camera]')).map(v => v.webkitAudioDecodedByteCount);");
                Object codec = browser.driver.executeScript("return document.querySelector('video[data-camera]').vigilStats.codec;");
                line(String.format("cameras with sound (G.711), %s, %d s: %d samples, median %d ms, p95 %d ms, "
                        + "max %d ms; sound bytes decoded per tile %s; stream %s", page, seconds, samples.size(), percentile(samples, 50),
                        percentile(samples, 95), percentile(samples, 100), soundBytes, codec));
                line(floorLine(floor));
                line(playerStates(browser));
            }

            if (parts.contains("playback")) {
                playback(browser, ids);
            }
            for (long id : ids) {
                post(admin, "/api/v1/cameras/" + id + "/disable");
            }
        }

        // 3. sixteen tiles (cameras replaying an encoded loop, cheap to serve) and server CPU per viewer
        if (parts.contains("tiles")) {
            tiles(admin, probe, seconds);
        }
        Path out = Path.of(System.getProperty("vigil.it.dir"), "bench", "live-view.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** 2. Playback opened at an instant until its frame is shown, then seeks inside the open page. */
    private void playback(Browser browser, List<Long> ids) throws Exception {
        List<Long> opens = new ArrayList<>();
        List<Long> polled = new ArrayList<>(); // as series before 2026-12-07 read it: when the bench's poll saw it
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = Instant.now().minusSeconds(20 + 7L * i);
            browser.driver.get(VigilDeployment.BASE + "/playback.xhtml?camera=" + ids.get(i % ids.size()) + "&at=" + at
                    + "&paused=1");
            Instant deadline = Instant.now().plusSeconds(20);
            while (!Boolean.TRUE.equals(browser.driver.executeScript("return window.vigilPlayback && window.vigilPlayback.ready;"))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            List<?> ms = (List<?>) browser.driver.executeScript(
                    "return [window.vigilPlayback.readyAt || performance.now(), performance.now()];");
            opens.add(((Number) ms.get(0)).longValue());
            polled.add(((Number) ms.get(1)).longValue());
            // where the time went, from the page's own timings (ms since the navigation started)
            steps.add(String.valueOf(browser.driver.executeScript("""
                    var n = performance.getEntriesByType('navigation')[0], r = performance.getEntriesByType('resource');
                    function span(part) {
                      var e = r.filter(function (x) { return x.name.indexOf(part) >= 0; })[0];
                      return e ? Math.round(e.startTime) + '-' + Math.round(e.responseEnd) : 'none';
                    }
                    return 'page ' + Math.round(n.responseEnd) + ', scripts run ' + Math.round(n.domContentLoadedEventEnd)
                      + ', recordings ' + span('/recordings?') + ', first segment ' + span('/recordings/segments/')
                      + ', shown ' + Math.round(window.vigilPlayback.readyAt || -1);""")));
        }
        line(String.format("playback opened at an instant until the frame is shown (page load + API + first segment + seek): "
                + "median %d ms, max %d ms (%d opens); as the bench's poll saw it: median %d ms", percentile(opens, 50),
                percentile(opens, 100), opens.size(), percentile(polled, 50)));
        line("  each open (ms from navigation): " + String.join("; ", steps));

        // 2b. in the open playback page: seek to arbitrary instants of the last minute until that frame is painted
        List<Long> buffered = new ArrayList<>();
        List<Long> fetched = new ArrayList<>();
        Random random = new Random(42);
        int unpainted = 0;
        for (int i = 0; i < 30; i++) {
            Instant target = Instant.now().minusMillis(8000 + random.nextInt(50000));
            Object answer = browser.driver.executeAsyncScript("""
                    var done = arguments[arguments.length - 1], v = document.getElementById('playback');
                    var t = (Date.parse(arguments[0]) - Date.parse(window.vigilPlayback.position())) / 1000 + v.currentTime;
                    var inBuffer = false;
                    for (var r = 0; r < v.buffered.length; r++) { inBuffer = inBuffer || (t >= v.buffered.start(r) && t < v.buffered.end(r)); }
                    var t0 = performance.now();
                    var timer = setTimeout(function () { done([-1, inBuffer]); }, 10000);
                    v.requestVideoFrameCallback(function () { clearTimeout(timer); done([performance.now() - t0, inBuffer]); });
                    window.vigilPlayback.seek(arguments[0]);""", target.toString());
            List<?> result = (List<?>) answer;
            long ms = Math.round(((Number) result.get(0)).doubleValue());
            if (ms < 0) {
                unpainted++;
            } else {
                (Boolean.TRUE.equals(result.get(1)) ? buffered : fetched).add(ms);
            }
            Thread.sleep(300);
        }
        line(String.format("seek in an open playback page to an arbitrary instant of the last minute until that frame is "
                + "painted: already in the browser's buffer median %d ms, p95 %d ms (%d seeks); segment fetched first "
                + "median %d ms, p95 %d ms (%d seeks); not painted within 10 s: %d", percentile(buffered, 50),
                percentile(buffered, 95), buffered.size(), percentile(fetched, 50), percentile(fetched, 95), fetched.size(),
                unpainted));
    }

    /** 3. Sixteen tiles (cameras replaying an encoded loop, cheap to serve) and server CPU per viewer. */
    private void tiles(HttpClient admin, String probe, int seconds) throws Exception {
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(16, CameraConfig.forTests(651, PASSWORD), 0, 4)) {
            List<Long> ids = new ArrayList<>();
            for (var camera : fleet.cameras()) {
                ids.add(addCamera(admin, "bench16 " + camera.config().id(), camera.rtspUrl()));
            }
            Thread.sleep(10000);
            ProcessHandle server = wildfly();
            double idle = cpuPercent(server, 20);
            try (Browser browser = Browser.start(1920, 1080)) {
                browser.signIn("admin", VigilDeployment.adminPassword());
                browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=4");
                Thread.sleep(8000);
                browser.driver.executeScript(probe);
                double watched = cpuPercent(server, seconds);
                Object stalls = browser.driver.executeScript("return window.vigilProbe.stalls();");
                int tiles = ((List<?>) browser.driver.executeScript("return Array.from(document.querySelectorAll('video[data-camera]'))"
                        + ".filter(v => v.readyState >= 2).map(v => v.dataset.camera);")).size();
                line(String.format("16 tiles for %d s: %d tiles playing, stalls (tile: count of 2 s without progress) %s",
                        seconds, tiles, stalls));
                line("16 tiles, why: " + browser.driver.executeScript("return JSON.stringify(window.vigilProbe.causes());")
                        + " (stalls while data kept arriving vs after it stopped; live-edge jumps, fragments dropped on append "
                        + "errors and player resets over all tiles; frames decoded/dropped by the browser per tile)");
                line(String.format("server CPU (WildFly process, %% of one core): recording 16 streams %.1f %%, "
                        + "recording + 16 live viewers %.1f %%: %.2f %% per live viewer", idle, watched, (watched - idle) / 16));
            }
            for (long id : ids) {
                post(admin, "/api/v1/cameras/" + id + "/disable");
            }
        }
    }

    /**
     * The floor under every live view's latency, measured while the browser watches: FFmpeg reads
     * the camera straight from its RTSP server, buffering nothing, and decodes each picture's
     * burned-in capture time (camera encode + RTSP + decode, same machine and clock).
     */
    private static List<Long> floorWhile(VirtualCamera camera, int seconds) {
        List<Long> floor = new ArrayList<>();
        String url = camera.rtspUrl().replace("rtsp://", "rtsp://admin:" + PASSWORD + "@");
        DecodingClient.decodeWithoutBuffering(url, Duration.ofSeconds(seconds), picture -> {
            FrameStamp stamp = picture.stamp();
            if (stamp != null) {
                floor.add(System.currentTimeMillis() - stamp.captureTimeMs());
            }
        });
        return floor;
    }

    /** Each tile's player at the end of a phase: ready state, position against its buffer, and what it went through. */
    private static String playerStates(Browser browser) {
        return "  players: " + browser.driver.executeScript("""
                return Array.from(document.querySelectorAll('video[data-camera]')).map(function (v) {
                  var b = [];
                  for (var i = 0; i < v.buffered.length; i++) { b.push(v.buffered.start(i).toFixed(2) + '-' + v.buffered.end(i).toFixed(2)); }
                  var st = v.vigilStats || {};
                  return v.dataset.camera + ': ready ' + v.readyState + (v.paused ? ' paused' : '') + ' at ' + v.currentTime.toFixed(2)
                    + ' rate ' + v.playbackRate + ' buffered ' + b.join(',') + ' jumps ' + st.edgeJumps + ' resets ' + st.resets
                    + ' dropped ' + st.dropped + ' waits ' + st.waits + (v.error ? ' error ' + v.error.code + ' ' + v.error.message : '');
                }).join('; ');""");
    }

    private static String floorLine(List<Long> floor) {
        return String.format("  floor, same window: FFmpeg reading camera 1 directly, no buffering: %d pictures, median %d ms, "
                + "p95 %d ms, max %d ms", floor.size(), percentile(floor, 50), percentile(floor, 95), percentile(floor, 100));
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The WildFly JVM this run deployed to. */
    static ProcessHandle wildfly() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar")
                && p.info().commandLine().orElse("").contains("it-home")).findFirst().orElseThrow();
    }

    /** Average CPU of a process over a window, in % of one core (from its accumulated CPU time). */
    static double cpuPercent(ProcessHandle process, int seconds) throws InterruptedException {
        Duration before = process.info().totalCpuDuration().orElseThrow();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Duration after = process.info().totalCpuDuration().orElseThrow();
        return 100.0 * after.minus(before).toNanos() / (System.nanoTime() - start);
    }

    private static long addCamera(HttpClient admin, String name, String url) throws Exception {
        return VigilDeployment.addCamera(admin, name, url, PASSWORD);
    }

    private static void post(HttpClient client, String path) throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
    }
}
