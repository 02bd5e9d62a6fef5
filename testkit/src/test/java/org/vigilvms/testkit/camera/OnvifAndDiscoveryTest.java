package org.vigilvms.testkit.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ONVIF subset and WS-Discovery of the virtual cameras, driven as a VMS drives a real camera. */
class OnvifAndDiscoveryTest {

    private static final String PASSWORD = "onvif-Pa55word";
    private static VirtualCameraFleet fleet;
    private static VirtualCamera camera;

    @BeforeAll
    static void start() {
        fleet = VirtualCameraFleet.start(2, CameraConfig.forTests(21, PASSWORD), 0);
        camera = fleet.camera(0);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @AfterEach
    void clearFaults() {
        camera.faults().clear();
        camera.ptz().absoluteMove(0, 0, 0);
    }

    @Test
    void profilesStreamUriAndPtzWorkWithDigestAuthAndThePtzShowsInTheVideo() throws Exception {
        OnvifTestClient client = new OnvifTestClient("admin", PASSWORD);
        String base = "http://127.0.0.1:" + camera.onvifPort();
        client.syncClock(camera.onvifDeviceUrl());

        OnvifTestClient.Answer profiles = client.call(base + OnvifServer.MEDIA_PATH, "<trt:GetProfiles/>", true);
        assertEquals(200, profiles.status(), profiles.body());
        String token = profiles.attribute("Profiles", "token");
        assertEquals("640", profiles.text("Width"));

        OnvifTestClient.Answer uri = client.call(base + OnvifServer.MEDIA_PATH, "<trt:GetStreamUri><trt:StreamSetup>"
                + "<tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport>"
                + "</trt:StreamSetup><trt:ProfileToken>" + token + "</trt:ProfileToken></trt:GetStreamUri>", true);
        String streamUri = uri.text("Uri");
        assertEquals(camera.rtspUrl(), streamUri);

        FrameStamp before = lastStamp(streamUri);
        assertEquals(0, before.pan());

        client.call(base + OnvifServer.PTZ_PATH, "<tptz:ContinuousMove><tptz:ProfileToken>" + token + "</tptz:ProfileToken>"
                + "<tptz:Velocity><tt:PanTilt x=\"0.5\" y=\"0.2\"/></tptz:Velocity></tptz:ContinuousMove>", true);
        OnvifTestClient.Answer moving = client.call(base + OnvifServer.PTZ_PATH,
                "<tptz:GetStatus><tptz:ProfileToken>" + token + "</tptz:ProfileToken></tptz:GetStatus>", true);
        assertEquals("MOVING", moving.panTiltMoveStatus());
        Thread.sleep(1000);
        assertEquals(200, client.call(base + OnvifServer.PTZ_PATH,
                "<tptz:Stop><tptz:ProfileToken>" + token + "</tptz:ProfileToken></tptz:Stop>", true).status());
        OnvifTestClient.Answer status = client.call(base + OnvifServer.PTZ_PATH,
                "<tptz:GetStatus><tptz:ProfileToken>" + token + "</tptz:ProfileToken></tptz:GetStatus>", true);
        assertEquals("IDLE", status.panTiltMoveStatus());
        double pan = Double.parseDouble(status.attribute("PanTilt", "x"));
        assertTrue(pan > 0.1, "panned right: " + pan);

        FrameStamp after = lastStamp(streamUri);
        assertEquals(Math.round(pan * 1000), after.pan(), "the video shows the position the camera reports");
        assertNotEquals(before.pan(), after.pan());
    }

    @Test
    void withoutOrWithWrongCredentialsEverythingButTheClockIsRefused() throws Exception {
        String media = "http://127.0.0.1:" + camera.onvifPort() + OnvifServer.MEDIA_PATH;
        OnvifTestClient anonymous = new OnvifTestClient("admin", PASSWORD);
        assertEquals(200, anonymous.call(camera.onvifDeviceUrl(), "<tds:GetSystemDateAndTime/>", false).status());
        OnvifTestClient.Answer refused = anonymous.call(media, "<trt:GetProfiles/>", false);
        assertEquals(401, refused.status());
        assertTrue(refused.body().contains("NotAuthorized"));
        assertEquals(401, new OnvifTestClient("admin", "wrong").call(media, "<trt:GetProfiles/>", true).status());
    }

    @Test
    void aClientIgnoringTheCamerasSkewedClockIsRefusedUntilItSyncs() throws Exception {
        camera.faults().clockSkewMs = Duration.ofHours(2).toMillis();
        String media = "http://127.0.0.1:" + camera.onvifPort() + OnvifServer.MEDIA_PATH;
        OnvifTestClient client = new OnvifTestClient("admin", PASSWORD);
        assertEquals(401, client.call(media, "<trt:GetProfiles/>", true).status());
        client.syncClock(camera.onvifDeviceUrl());
        assertEquals(200, client.call(media, "<trt:GetProfiles/>", true).status());
    }

    @Test
    void presetsAndSnapshotsWork() throws Exception {
        OnvifTestClient client = new OnvifTestClient("admin", PASSWORD);
        String ptz = "http://127.0.0.1:" + camera.onvifPort() + OnvifServer.PTZ_PATH;
        client.call(ptz, "<tptz:AbsoluteMove><tptz:ProfileToken>main</tptz:ProfileToken><tptz:Position>"
                + "<tt:PanTilt x=\"-0.3\" y=\"0.4\"/><tt:Zoom x=\"0.5\"/></tptz:Position></tptz:AbsoluteMove>", true);
        String preset = client.call(ptz, "<tptz:SetPreset><tptz:ProfileToken>main</tptz:ProfileToken>"
                + "<tptz:PresetName>gate</tptz:PresetName></tptz:SetPreset>", true).text("PresetToken");
        camera.ptz().absoluteMove(0, 0, 0);
        client.call(ptz, "<tptz:GotoPreset><tptz:ProfileToken>main</tptz:ProfileToken><tptz:PresetToken>" + preset
                + "</tptz:PresetToken></tptz:GotoPreset>", true);
        assertEquals(-300, camera.ptz().pan());
        assertEquals(500, camera.ptz().zoom());

        String snapshotUri = client.call("http://127.0.0.1:" + camera.onvifPort() + OnvifServer.MEDIA_PATH,
                "<trt:GetSnapshotUri><trt:ProfileToken>main</trt:ProfileToken></trt:GetSnapshotUri>", true).text("Uri");
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(snapshotUri)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        HttpResponse<byte[]> jpeg = http.send(HttpRequest.newBuilder(URI.create(snapshotUri)).header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, jpeg.statusCode());
        assertEquals((byte) 0xFF, jpeg.body()[0]);
        assertEquals((byte) 0xD8, jpeg.body()[1], "a JPEG");
    }

    @Test
    void aWsDiscoveryProbeOnLoopbackGetsAProbeMatchPerCamera() throws Exception {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String probe = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"><s:Header>"
                + "<a:MessageID>" + messageId + "</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
                + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>"
                + "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>";
        List<String> answers = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            byte[] data = probe.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), fleet.discovery().port()));
            for (int i = 0; i < fleet.cameras().size(); i++) {
                DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
                socket.receive(packet);
                answers.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            }
        }
        for (VirtualCamera c : fleet.cameras()) {
            assertTrue(answers.stream().anyMatch(a -> a.contains("<d:XAddrs>" + c.onvifDeviceUrl() + "</d:XAddrs>")
                    && a.contains("ProbeMatches") && a.contains(messageId)), "ProbeMatch of camera " + c.config().id());
        }
    }

    private static FrameStamp lastStamp(String streamUri) {
        String url = streamUri.replace("rtsp://", "rtsp://admin:" + PASSWORD + "@");
        FrameStamp[] last = new FrameStamp[1];
        DecodingClient.decode(url, Duration.ofMillis(1500), picture -> last[0] = picture.stamp());
        assertNotNull(last[0]);
        return last[0];
    }
}
