package org.vigilvms.it;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VideoCodec;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Benchmark, not a test (testkit/bench/transcode.sh runs it): what one live viewer costs the
 * server when its stream is encoded again, next to a viewer of the same camera whose stream is
 * only remuxed, in one run on one server. Two 1080p25 4 Mbit/s cameras record throughout (benchmark
 * mode: encoded loops), one H.265, one H.264 with a privacy mask. Phases of {@code seconds} each:
 * recording only (the baseline); one viewer of the H.265 camera whose browser plays H.265
 * (remuxed); one whose browser does not (transcoded to H.264); one viewer of the H.264 camera who
 * may not see through its mask (decoded, masked, encoded again). Each viewer's video messages per
 * second show whether the encoder keeps up with 25 fps. Writes target/bench/transcode.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TranscodeBench {

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
        line("Live viewers encoded again vs remuxed, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + seconds + " s per phase, 1920x1080 25 fps 4 Mbit/s cameras");
        try (VirtualCameraFleet hevc = VirtualCameraFleet.start(1, new CameraConfig(761, 1920, 1080, 25, 4_000_000, 25, "admin",
                PASSWORD, 0, -1, -1, -1), -1, 4, VideoCodec.H265);
             VirtualCameraFleet avc = VirtualCameraFleet.start(1, new CameraConfig(771, 1920, 1080, 25, 4_000_000, 25, "admin",
                     PASSWORD, 0, -1, -1, -1), -1, 4)) {
            long h265 = VigilDeployment.addCamera(admin, "bench h265", hevc.camera(0).rtspUrl(), PASSWORD);
            long masked = VigilDeployment.addCamera(admin, "bench masked", avc.camera(0).rtspUrl(), PASSWORD);
            VigilDeployment.awaitStatus(admin, h265, "ONLINE");
            VigilDeployment.awaitStatus(admin, masked, "ONLINE");
            if (VigilDeployment.put(admin, "/api/v1/cameras/" + masked + "/analytics", PictureRegions.masksOnly(PictureRegions.WINDOW))
                    .statusCode() != 200) {
                throw new AssertionError("the mask was not saved");
            }
            VigilTestEnvironment.directory().addUser("bench-viewer", "Bench-viewer-pw-1");
            VigilDeployment.grantToUser(admin, "bench-viewer", "VIEW_LIVE", masked);
            HttpClient viewer = VigilDeployment.signedIn("bench-viewer", "Bench-viewer-pw-1");
            Thread.sleep(20_000); // first segments, JIT

            ProcessHandle server = LiveViewBench.wildfly();
            double baseline = LiveViewBench.cpuPercent(server, seconds);
            line(String.format("recording both cameras, no viewer: server CPU %.1f %% of one core (baseline)", baseline));
            phase(server, seconds, baseline, "H.265 viewer whose browser plays H.265 (remuxed)", admin, h265, "&hevc=1");
            phase(server, seconds, baseline, "H.265 viewer whose browser does not (transcoded to H.264)", admin, h265, "");
            phase(server, seconds, baseline, "H.264 viewer without VIEW_UNMASKED (masked, encoded again)", viewer, masked, "");
            for (long id : List.of(h265, masked)) {
                VigilDeployment.post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
        Path out = Path.of(System.getProperty("vigil.it.dir"), "bench", "transcode.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** One viewer for a phase: settles 10 s, then the server's CPU and the video messages it got over {@code seconds}. */
    private void phase(ProcessHandle server, int seconds, double baseline, String what, HttpClient client, long camera, String query)
            throws Exception {
        LiveSockets.Opened socket = LiveSockets.open(client, LiveSockets.ticketPath(client, camera) + query);
        try {
            String codec = socket.codec();
            Thread.sleep(10_000);
            int before = socket.binary().get();
            double cpu = LiveViewBench.cpuPercent(server, seconds);
            double messages = (socket.binary().get() - before) / (double) seconds;
            line(String.format("%s: server CPU %.1f %%, %.1f %% over the baseline; %s, %.1f video messages/s (25 sent)", what, cpu,
                    cpu - baseline, codec, messages));
        } finally {
            socket.abort();
            Thread.sleep(12_000); // the stream lingers 10 s after its last viewer
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
