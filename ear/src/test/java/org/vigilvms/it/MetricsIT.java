package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Issue #21 item 3: the customer's monitoring scrapes WildFly's own Micrometer endpoint over the
 * console's TLS (proxied to the management interface, which listens on the loopback only) with the
 * one identity the setup tool made for it; nobody else reads it, and that identity reads only.
 * What it shows is what happened: the frames a virtual camera sent, a failed sign-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    /** The management interface itself: plain HTTP on the loopback only. */
    private static final String MANAGEMENT = "http://127.0.0.1:9990";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void onlyTheScraperReadsTheMetricsAndItCannotChangeTheServer() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpResponse<String> anonymous = VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(Scrape.ENDPOINT))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "an anonymous scrape");
        assertTrue(anonymous.body().isEmpty() || !anonymous.body().contains("vigil_"), "no metric in the refusal");
        assertEquals(401, Scrape.as("vigil-metrics", Scrape.scraperPassword() + "x").statusCode(), "a wrong password");
        assertEquals(401, Scrape.as("admin", VigilDeployment.adminPassword()).statusCode(),
                "the console's administrator is no identity of the monitoring realm");
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> health = plain.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, health.statusCode(), "the server's own health needs the sign-in too");
        HttpResponse<String> overHttp = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:8080/prometheus"))
                .header("Authorization", Scrape.basic("vigil-metrics", Scrape.scraperPassword())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, overHttp.statusCode(), "plain HTTP only redirects");
        assertTrue(overHttp.body().isEmpty(), overHttp.body());

        HttpResponse<String> metrics = Scrape.as("vigil-metrics", Scrape.scraperPassword());
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.body().startsWith("# HELP ") && metrics.body().contains("\n# TYPE "),
                "Prometheus' text format: " + metrics.body().lines().limit(3).toList());

        // through the proxy there is only the scrape, whatever the path says
        HttpResponse<String> sneaked = VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(Scrape.ENDPOINT + "/..%2fmanagement"))
                .header("Authorization", Scrape.basic("vigil-metrics", Scrape.scraperPassword())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"read-attribute\",\"name\":\"server-state\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(!sneaked.body().contains("\"outcome\""), "no management operation through the proxy: " + sneaked.body());

        // on the loopback, reading the management model is what Monitor may do; writing is refused
        HttpResponse<String> read = management("{\"operation\":\"read-attribute\",\"name\":\"server-state\"}");
        assertEquals(200, read.statusCode(), read.body());
        assertTrue(read.body().contains("\"running\""), read.body());
        HttpResponse<String> write = management("{\"operation\":\"write-attribute\",\"address\":[{\"system-property\":"
                + "\"vigil.four.eyes\"}],\"name\":\"value\",\"value\":\"none\"}");
        assertEquals(403, write.statusCode(), write.body());
        assertTrue(write.body().contains("WFLYCTL0313") && write.body().contains("Permission denied"),
                "a write as the scraper is refused by the Monitor role: " + write.body());
    }

    @Test
    void theScrapeCountsTheFramesACameraSentAndEachRefusedSignIn() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(421, "Metrics-cam-pw-42"), -1)) {
            VirtualCamera camera = fleet.camera(0);
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long id = VigilDeployment.addCamera(admin, "metrics gate", camera.rtspUrl(), "Metrics-cam-pw-42");
            try {
                String tag = "{camera=\"" + id + "\"}";
                awaitScrape("a sealed segment of the camera", Duration.ofSeconds(60),
                        () -> Scrape.now().value("vigil_segment_seal_latency_seconds_count" + tag).orElse(0) >= 1);
                // while the camera streams, a snapshot starts its live picture stream, whose viewer
                // count is then on the endpoint
                assertEquals(200, VigilDeployment.get(admin, "/api/v1/cameras/" + id + "/snapshot").statusCode());
                assertEquals(0.0, Scrape.now().value("vigil_live_viewers" + tag).orElseThrow(), "nobody watches");
                camera.faults().stall = true;
                long sent = camera.framesSent();
                assertTrue(sent > 25, "the camera sent a second and more: " + sent);
                // FFmpeg's parser hands a frame on when the next one begins: the last frame sent
                // before the stall may stay in it, and every other one was counted
                awaitScrape("every frame the camera sent counted, but perhaps the last", Duration.ofSeconds(20),
                        () -> Scrape.now().value("vigil_camera_frames_in_total" + tag).orElse(0) >= sent - 1);
                Scrape stalled = Scrape.now();
                double counted = stalled.value("vigil_camera_frames_in_total" + tag).orElseThrow();
                assertTrue(counted <= sent, "never more than sent: " + counted + " of " + sent);
                assertTrue(stalled.value("vigil_camera_received_bytes_total" + tag).orElseThrow() > sent * 100,
                        "the bytes of the frames (the bitrate's source)");
                assertTrue(stalled.value("vigil_camera_frames_dropped_total" + tag).orElseThrow() <= camera.config().gop(),
                        "not recorded: at most the frames before the first keyframe");
                assertEquals(0.0, stalled.value("vigil_camera_reconnects_total" + tag).orElseThrow(), "one connection");

                double failures = Scrape.now().value("vigil_signin_failures_total{reason=\"wrong_password\"}").orElse(0);
                assertEquals("invalid", VigilDeployment.loginOutcome("admin", "not-the-password-1"));
                VigilDeployment.await("the refused sign-in counted", Duration.ofSeconds(10),
                        () -> Scrape.now().value("vigil_signin_failures_total{reason=\"wrong_password\"}").orElse(0) == failures + 1);

                // this deployment's readings, not those an earlier deployment of the EAR left behind
                // (their objects collected, such gauges read NaN)
                awaitScrape("the volume's bytes at its next reading (every 10 s)", Duration.ofSeconds(30),
                        () -> Scrape.now().value("vigil_volume_used_bytes{volume=\"default\"}").orElse(0) > 0);
                Scrape scrape = Scrape.now();
                double room = scrape.value("vigil_volume_room_bytes{volume=\"default\"}").orElseThrow();
                assertTrue(room > 0 && Double.isFinite(room), "the volume's room reads " + room);
                double lag = scrape.value("vigil_audit_chain_lag_seconds").orElseThrow();
                assertTrue(lag >= 0 && Double.isFinite(lag), "the audit chain's lag reads " + lag);
                assertTrue(scrape.value("vigil_volume_days_left{volume=\"default\"}").isPresent(), "the forecast's series");
                assertTrue(scrape.value("messaging_activemq_message_count{name=\"jms.queue.vigil.segments\",type=\"runtime-queue\"}").isPresent(),
                        "the depth of the broker's queues: " + scrape.samplesWith("messaging_activemq_message_count"));

                // every series the Grafana dashboard draws is one the server exports (rejections appear
                // with the first rejected message, which this test does not make)
                String dashboard = Files.readString(Path.of("..", "docs", "grafana", "vigil-dashboard.json"));
                String now = Scrape.now().body();
                Matcher named = Pattern.compile("\\b((?:vigil|messaging_activemq)_[a-z_]+)").matcher(dashboard);
                int series = 0;
                while (named.find()) {
                    String name = named.group(1);
                    series++;
                    assertTrue(name.equals("vigil_messages_rejected_total") || now.contains("\n" + name + "{"),
                            "the dashboard draws " + name + ", which the scrape has not");
                }
                assertTrue(series >= 12, "the dashboard's series were found: " + series);
            } finally {
                camera.faults().stall = false;
                VigilDeployment.post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    /** {@link VigilDeployment#await}, telling on timeout which of Vigil's series the scrape had. */
    private static void awaitScrape(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        try {
            VigilDeployment.await(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the scrape's series of Vigil: "
                    + Scrape.now().samplesWith("vigil_"), e);
        }
    }

    private static HttpResponse<String> management(String operation) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/management"))
                .header("Authorization", Scrape.basic("vigil-metrics", Scrape.scraperPassword()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(operation)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
