package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.await;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.holdsFor;
import static org.vigilvms.it.VigilDeployment.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.camera.onvif.OnvifClient;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VideoCodec;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Analytics over the secured backbone: a virtual camera's still scene with an intruder shown in a
 * zone gives one motion event with the right time and zone, outside the zones or under a privacy
 * mask none, and covering the camera a tamper event and alert; a configuration edited in the
 * database is refused by analytics; forged, unknown-camera and flooding events are refused and
 * audited while a valid one from an enrolled remote node (JMS over mutual TLS) raises an alarm an
 * operator acknowledges and closes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnalyticsIT {

    private static final String CAMERA_PASSWORD = "analytics-Pa55word";
    private static VirtualCameraFleet fleet;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @BeforeAll
    static void cameras() {
        fleet = VirtualCameraFleet.start(2, CameraConfig.forTests(501, CAMERA_PASSWORD), -1);
        fleet.camera(0).scene().still = true;
    }

    @AfterAll
    static void stopCameras() {
        fleet.close();
    }

    @Test
    void motionInAZoneOfTheSubStreamIsOneEventOutsideOrMaskedNoneAndCoveringTheCameraIsATamperAlert() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = admin();
        VirtualCamera camera = fleet.camera(0);
        long id = VigilDeployment.addCamera(admin, "analytics yard", camera.rtspUrl(), CAMERA_PASSWORD);
        // analysed from the camera's sub-stream (320x180) while its main stream is recorded
        assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/sub-stream", "{\"url\":\"" + camera.subRtspUrl() + "\"}").statusCode());
        VigilDeployment.awaitCamera(admin, id, "its sub-stream online", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
        HttpResponse<String> configured = put(admin, "/api/v1/cameras/" + id + "/analytics", """
                {"enabled": true, "sensitivity": 60, "tamper": true,
                 "zones": [{"name": "door", "x": 0.55, "y": 0.2, "width": 0.4, "height": 0.6},
                           {"name": "yard", "x": 0.05, "y": 0.2, "width": 0.4, "height": 0.6}],
                 "masks": [{"name": "neighbour", "x": 0.05, "y": 0.55, "width": 0.2, "height": 0.25}]}""");
        assertEquals(200, configured.statusCode(), configured.body());
        await("analytics applied the signed configuration", Duration.ofSeconds(20), () ->
                count("SELECT count(*) FROM audit_event WHERE action = 'analytics.config.applied' AND target = ?", "camera:" + id) == 1);
        await("recording (and so analysis) running", Duration.ofSeconds(30), () ->
                count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= 2);
        // while the background model learns the still scene, nothing moves
        holdsFor("a still scene moves nowhere", Duration.ofSeconds(4), () -> events(id).isEmpty());

        // an intruder in the door zone for two seconds: one event, in that zone, starting then
        long onset = System.currentTimeMillis();
        camera.scene().intruder(0.65, 0.3, 0.2, 0.35);
        Thread.sleep(2000);
        camera.scene().noIntruder();
        await("the motion event stored", Duration.ofSeconds(15), () -> !events(id).isEmpty());
        holdsFor("one event for one motion", Duration.ofSeconds(3), () -> events(id).size() == 1);
        List<String[]> events = events(id);
        assertEquals("MOTION", events.get(0)[0]);
        assertEquals("door", events.get(0)[1]);
        long start = Long.parseLong(events.get(0)[2]);
        assertTrue(Math.abs(start - onset) <= 1000, "event starts " + (start - onset) + " ms from the intruder's first frame");

        // between the zones, and inside the yard but under the privacy mask: nothing
        camera.scene().intruder(0.46, 0.3, 0.08, 0.35);
        holdsFor("no event between the zones", Duration.ofMillis(2500), () -> events(id).size() == 1);
        camera.scene().intruder(0.07, 0.6, 0.15, 0.15);
        holdsFor("no event under the mask", Duration.ofMillis(2500), () -> events(id).size() == 1);
        camera.scene().noIntruder();
        holdsFor("no late event from either", Duration.ofSeconds(3), () -> events(id).size() == 1);

        // motion search: the door event is found in a region drawn over the door, not elsewhere
        String range = "from=" + Instant.ofEpochMilli(onset - 60_000) + "&to=" + Instant.now();
        assertTrue(get(admin, "/api/v1/cameras/" + id + "/events/motion?" + range + "&x=0.6&y=0.25&w=0.3&h=0.5").body()
                .contains("\"zone\":\"door\""));
        assertEquals("[]", get(admin, "/api/v1/cameras/" + id + "/events/motion?" + range + "&x=0.0&y=0.8&w=0.2&h=0.2").body());

        // motion search in the recordings themselves: the intruder is found in a region drawn over it,
        // nothing where nothing moved
        String recorded = "from=" + Instant.ofEpochMilli(onset - 8000) + "&to=" + Instant.ofEpochMilli(onset + 6000);
        HttpResponse<String> spans = get(admin, "/api/v1/cameras/" + id + "/events/recorded-motion?" + recorded
                + "&x=0.6&y=0.25&w=0.3&h=0.45");
        assertEquals(200, spans.statusCode(), spans.body());
        Matcher first = Pattern.compile("\"start\":\"([^\"]+)\"").matcher(spans.body());
        assertTrue(first.find(), "motion found in the recording: " + spans.body());
        long found = Instant.parse(first.group(1)).toEpochMilli();
        assertTrue(Math.abs(found - onset) <= 1500, "recorded motion starts " + (found - onset) + " ms from the onset");
        assertEquals("[]", get(admin, "/api/v1/cameras/" + id + "/events/recorded-motion?" + recorded
                + "&x=0.0&y=0.85&w=0.3&h=0.15").body(), "nothing moved there");

        // covering the camera: a tamper event and an alert made of it
        camera.faults().covered = true;
        await("tamper alert", Duration.ofSeconds(15), () ->
                count("SELECT count(*) FROM analytics_alert WHERE camera_id = ? AND kind = 'TAMPER_COVERED'", id) == 1);
        camera.faults().covered = false;
        assertEquals(1, count("SELECT count(*) FROM analytics_event WHERE camera_id = ? AND type = 'TAMPER_COVERED'", id));
        assertTrue(count("SELECT count(*) FROM analytics_alert a JOIN analytics_event e ON position(e.event_id in a.event_ids) > 0 "
                + "WHERE a.camera_id = ? AND e.type = 'TAMPER_COVERED'", id) == 1, "the alert names the tamper event");

        // reference data edited in the database (T-INJ): analytics refuses it and keeps the signed version
        try (Connection c = VigilDeployment.database()) {
            c.createStatement().executeUpdate("UPDATE analytics_config SET config_json = replace(config_json, '\"sensitivity\":60', "
                    + "'\"sensitivity\":1') WHERE camera_id = " + id);
        }
        assertEquals(200, post(admin, "/api/v1/analytics/republish", "").statusCode());
        await("the edited configuration refused", Duration.ofSeconds(15), () ->
                count("SELECT count(*) FROM audit_event WHERE action = 'analytics.config.rejected' AND target = ?", "camera:" + id) == 1);
    }

    /**
     * An H.265 camera with no sub-stream is analysed from its main stream. An H.265 virtual camera
     * replays a 4 s loop ({@link VirtualCameraFleet#H265_LOOP_SECONDS}) whose bar moves 4 pixels a
     * picture from the left edge, so it crosses the left 62 % of the picture and never the right
     * quarter: motion events come in a zone on its way, and none in a zone beyond it.
     */
    @Test
    void anH265CameraIsAnalysedFromItsMainStreamWithEventsWhereItsPictureMovesAndNoneElsewhere() throws Exception {
        try (VirtualCameraFleet hevc = VirtualCameraFleet.start(1, CameraConfig.forTests(461, CAMERA_PASSWORD), -1, 0, VideoCodec.H265)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = admin();
            long id = VigilDeployment.addCamera(admin, "analytics h265 gate", hevc.camera(0).rtspUrl(), CAMERA_PASSWORD);
            try {
                HttpResponse<String> configured = put(admin, "/api/v1/cameras/" + id + "/analytics", """
                        {"enabled": true, "sensitivity": 60,
                         "zones": [{"name": "crossed", "x": 0.05, "y": 0.2, "width": 0.4, "height": 0.6},
                                   {"name": "quiet", "x": 0.72, "y": 0.2, "width": 0.25, "height": 0.6}]}""");
                assertEquals(200, configured.statusCode(), configured.body());
                await("H.265 pictures analysed", Duration.ofSeconds(30), () -> analysed(admin, id) >= 25);
                await("motion where the bar passes", Duration.ofSeconds(20), () ->
                        events(id).stream().anyMatch(e -> "crossed".equals(e[1])));
                // a whole loop and more: the bar passes the first zone again, and never the second
                holdsFor("no motion where nothing moves", Duration.ofSeconds(5), () ->
                        events(id).stream().noneMatch(e -> "quiet".equals(e[1])));
                assertEquals(List.of("crossed"), events(id).stream().map(e -> e[1]).distinct().toList(), describe(events(id)));
            } finally {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    /** Pictures of the camera the analyser has looked at since the server started. */
    private static long analysed(HttpClient admin, long cameraId) {
        HttpResponse<String> stats;
        try {
            stats = get(admin, "/api/v1/analytics/stats");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return VigilDeployment.json(stats).asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(c -> c.getJsonNumber("cameraId").longValue() == cameraId)
                .mapToLong(c -> c.getJsonNumber("analysed").longValue()).sum();
    }

    @Test
    void forgedUnknownAndFloodingEventsAreRefusedAndAuditedWhileAValidOneRaisesAnAlarmAnOperatorHandles() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = admin();
        long lobby = VigilDeployment.addCamera(admin, "analytics lobby", "rtsp://127.0.0.1:9/none", "unused-password");
        long hall = VigilDeployment.addCamera(admin, "analytics hall", "rtsp://127.0.0.1:9/none", "unused-password");
        HttpResponse<String> rule = post(admin, "/api/v1/alarms/rules", "{\"name\":\"lobby motion\",\"eventType\":\"MOTION\","
                + "\"cameras\":[" + lobby + "],\"priority\":4,\"escalateAfterS\":5,\"actions\":[\"NOTIFY\",\"LOCK_RECORDING\"]}");
        assertEquals(201, rule.statusCode(), rule.body());
        RemoteNode node = RemoteNode.enrolled("analytics-host-2");

        // a forger claiming to be the analytics service: refused, audited, nothing stored
        AnalyticsEvent forged = RemoteNode.motion(lobby, "entrance");
        RemoteNode.forger().report(forged);
        await("forgery audited", Duration.ofSeconds(15), () -> count("SELECT count(*) FROM audit_event WHERE action = 'jms.rejected' "
                + "AND actor = ? AND detail LIKE 'BAD_SIGNATURE%'", ProducerName.of(ServiceIdentity.ANALYTICS, VigilDeployment.NODE)) >= 1);
        assertEquals(0, count("SELECT count(*) FROM analytics_event WHERE event_id = ?", forged.eventId()));
        // a replay of a genuine message is refused too
        Envelope genuine = node.seal(RemoteNode.motion(hall, "desk"));
        node.send(genuine, genuine);
        await("replay audited", Duration.ofSeconds(15), () -> count("SELECT count(*) FROM audit_event WHERE action = 'jms.rejected' "
                + "AND actor = ? AND detail LIKE 'REPLAYED%'", node.producer()) == 1);
        // an event for a camera that does not exist: refused and audited
        node.report(RemoteNode.motion(987_654, "nowhere"));
        await("unknown camera audited", Duration.ofSeconds(15), () -> count("SELECT count(*) FROM audit_event WHERE action = "
                + "'analytics.rejected' AND target = 'camera:987654'") == 1);

        // a batch under one signature: each event stored as if sent alone
        List<AnalyticsEvent> batch = List.of(RemoteNode.motion(hall, "desk"), RemoteNode.motion(hall, "desk"),
                RemoteNode.motion(hall, "window"));
        node.send(node.sealBatch(batch));
        await("the batch stored", Duration.ofSeconds(15), () -> batch.stream().allMatch(e ->
                count("SELECT count(*) FROM analytics_event WHERE event_id = ?", e.eventId()) == 1));

        // a valid event: an alarm, with the rule's evidence lock
        AnalyticsEvent valid = RemoteNode.motion(lobby, "entrance");
        node.report(valid);
        await("alarm raised", Duration.ofSeconds(15), () -> count("SELECT count(*) FROM alarm WHERE event_id = ?", valid.eventId()) == 1);
        long alarm = count("SELECT id FROM alarm WHERE event_id = ?", valid.eventId());
        assertEquals(1, count("SELECT count(*) FROM evidence_lock WHERE camera_id = ? AND reason LIKE ?", lobby,
                "alarm " + alarm + " %"));

        // an operator who may watch the lobby handles it: acknowledge, then close with a comment
        VigilTestEnvironment.directory().addUser("otto", "Otto-pw-1");
        assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"otto\","
                + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + lobby + "}").statusCode());
        HttpClient otto = VigilDeployment.signedIn("otto", "Otto-pw-1");
        assertTrue(get(otto, "/api/v1/alarms").body().contains("\"id\":" + alarm + ","));
        assertEquals(200, post(otto, "/api/v1/alarms/" + alarm + "/acknowledge", "{\"comment\":\"looking\"}").statusCode());
        assertEquals(400, post(otto, "/api/v1/alarms/" + alarm + "/close", "{\"comment\":\"\"}").statusCode(), "a close needs a comment");
        HttpResponse<String> closed = post(otto, "/api/v1/alarms/" + alarm + "/close", "{\"comment\":\"delivery driver\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        assertTrue(closed.body().contains("\"closedBy\":\"otto\""), closed.body());
        for (String action : List.of("alarm.raised", "alarm.acknowledged", "alarm.closed")) {
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = ? AND target = ?", action, "alarm:" + alarm), action);
        }

        // one not acknowledged in time is escalated
        AnalyticsEvent ignored = RemoteNode.motion(lobby, "entrance");
        node.report(ignored);
        await("escalated", Duration.ofSeconds(30), () -> count("SELECT count(*) FROM alarm WHERE event_id = ? AND escalated_ts IS NOT NULL "
                + "AND priority = 5", ignored.eventId()) == 1);

        // a rule that turns a PTZ camera to a preset: the alarm steers it (after its commit, over ONVIF)
        VirtualCamera dome = fleet.camera(1);
        HttpResponse<String> onvif = post(admin, "/api/v1/cameras/onvif", "{\"name\":\"analytics gate dome\",\"deviceUrl\":\""
                + dome.onvifDeviceUrl() + "\",\"username\":\"admin\",\"password\":\"" + CAMERA_PASSWORD
                + "\",\"acceptInsecureTransport\":true}");
        assertEquals(201, onvif.statusCode(), onvif.body());
        long gate = Long.parseLong(onvif.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        dome.ptz().absoluteMove(0.4, -0.2, 0.1);
        int presetPan = dome.ptz().pan();
        String token = new OnvifClient(dome.onvifDeviceUrl(), "admin", CAMERA_PASSWORD, null).connect()
                .setPreset("main", "gate");
        dome.ptz().absoluteMove(0, 0, 0);
        assertEquals(400, post(admin, "/api/v1/alarms/rules", "{\"name\":\"no preset\",\"eventType\":\"MOTION\",\"cameras\":["
                + gate + "],\"actions\":[\"PTZ_PRESET\"]}").statusCode(), "PTZ_PRESET needs a preset");
        assertEquals(201, post(admin, "/api/v1/alarms/rules", "{\"name\":\"gate to preset\",\"eventType\":\"MOTION\",\"cameras\":["
                + gate + "],\"actions\":[\"PTZ_PRESET\"],\"ptzPreset\":\"" + token + "\"}").statusCode());
        node.report(RemoteNode.motion(gate, "gate"));
        await("the alarm turned the dome to its preset", Duration.ofSeconds(20), () -> dome.ptz().pan() == presetPan);
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'camera.ptz' AND actor = 'alarm' AND target = ? "
                + "AND outcome = 'SUCCESS'", "camera:" + gate));

        // a flood from one camera is cut off and audited; another camera's events keep flowing
        List<Envelope> flood = new ArrayList<>();
        List<String> floodIds = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            AnalyticsEvent event = RemoteNode.motion(hall, "desk");
            floodIds.add(event.eventId());
            flood.add(node.seal(event));
        }
        node.send(flood.toArray(Envelope[]::new));
        AnalyticsEvent other = RemoteNode.motion(lobby, "entrance");
        node.report(other);
        await("the other camera's event stored", Duration.ofSeconds(20), () ->
                count("SELECT count(*) FROM analytics_event WHERE event_id = ?", other.eventId()) == 1);
        await("flood audited", Duration.ofSeconds(20), () -> count("SELECT count(*) FROM audit_event WHERE action = "
                + "'analytics.rate_limited' AND target = ?", "camera:" + hall) >= 1);
        // what the limiter (10 events/s, a burst of 60, vigil.events.per.camera.rate) lets through in
        // the time the admitted events span: never more than the burst plus the refill
        try (Connection c = VigilDeployment.database(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*), coalesce(extract(epoch FROM max(received_ts) - min(received_ts)), 0) FROM analytics_event "
                        + "WHERE event_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("varchar", floodIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long admitted = rs.getLong(1);
                double spanSeconds = rs.getDouble(2);
                assertTrue(admitted < 150, "the flood was cut");
                assertTrue(admitted >= 1 && admitted <= 60 + Math.ceil(10 * spanSeconds) + 1,
                        admitted + " of 150 flood events admitted over " + spanSeconds + " s (burst 60, 10/s)");
            }
        }
    }

    // --- helpers ---

    private static HttpClient admin() throws Exception {
        return VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
    }

    private static HttpResponse<String> put(HttpClient client, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Motion events of a camera: type, zone, start ms, end ms. */
    private static List<String[]> events(long cameraId) {
        List<String[]> found = new ArrayList<>();
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT type, zone, (extract(epoch FROM start_ts) * 1000)::bigint, (extract(epoch FROM end_ts) * 1000)::bigint "
                        + "FROM analytics_event WHERE camera_id = ? AND type = 'MOTION' ORDER BY start_ts")) {
            s.setLong(1, cameraId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String describe(List<String[]> events) {
        return events.stream().map(e -> e[1] + " " + Instant.ofEpochMilli(Long.parseLong(e[2])) + ".." + Instant.ofEpochMilli(Long.parseLong(e[3])))
                .toList().toString();
    }
}
