package org.vigilvms.testkit.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigilvms.setup.InternalCa;

/** A virtual camera seen by real clients: FFmpeg's RTSP client and decoder, raw RTSP, a pinning TLS client. */
class VirtualCameraTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private static VirtualCamera camera;

    @BeforeAll
    static void start() {
        camera = VirtualCamera.start(CameraConfig.forTests(7, PASSWORD), InternalCa.create("manufacturer"),
                InternalCa.create("impostor"));
    }

    @AfterAll
    static void stop() {
        camera.close();
    }

    @AfterEach
    void clearFaults() {
        camera.faults().clear();
        camera.sendAudio(false);
    }

    @Test
    void withTheMicrophoneOnFfmpegReceivesTheToneAsAacInStepWithThePictures() {
        camera.sendAudio(true);
        assertToneInStepWithThePictures("aac", AacTone.SAMPLE_RATE);
        camera.sendAudio(false);
        assertEquals(null, AudioProbe.probe("rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + "/stream1",
                Duration.ofSeconds(1)).codec(), "microphone off: no audio track");
    }

    @Test
    void withAG711MicrophoneFfmpegReceivesTheToneAsMuLawInStepWithThePictures() {
        camera.sendAudio(VirtualCamera.Microphone.G711);
        try {
            assertToneInStepWithThePictures("pcm_mulaw", G711Tone.SAMPLE_RATE);
        } finally {
            camera.sendAudio(false);
        }
    }

    /** Six seconds over RTSP: the camera's tone in {@code codec}, none of it lost, on the pictures' clock. */
    private void assertToneInStepWithThePictures(String codec, int sampleRate) {
        AudioProbe.Sound sound = AudioProbe.probe("rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + "/stream1",
                Duration.ofSeconds(6));
        assertEquals(codec, sound.codec());
        assertEquals(sampleRate, sound.sampleRate());
        // nothing lost: the sound decoded spans what the pictures span
        double videoSpan = sound.videoLast() - sound.videoFirst();
        assertTrue(videoSpan > 4, "video seconds " + videoSpan);
        assertTrue(Math.abs(sound.decodedSeconds() - videoSpan) < 0.3, sound.toString());
        // the sender reports put both tracks on one clock
        assertTrue(Math.abs(sound.audioFirst() - sound.videoFirst()) < 0.1, sound.toString());
        assertTrue(sound.toneShare() > 0.8, "the tone: " + sound);
    }

    @Test
    void muLawFollowsG711() {
        // reference points of ITU-T G.711 mu-law (bytes as sent, inverted)
        assertEquals((byte) 0xff, G711Tone.muLaw(0));
        assertEquals((byte) 0x80, G711Tone.muLaw(32767));
        assertEquals((byte) 0x00, G711Tone.muLaw(-32768));
        assertEquals((byte) 0xfb, G711Tone.muLaw(30)); // segment 0: steps of 8 (16-bit samples), so 30 is step 4
        assertEquals((byte) 0x7f, G711Tone.muLaw(-1));
    }

    @Test
    void ffmpegDecodesFourSecondsOverRtspWithEveryFrameInOrder() {
        assertCompleteSequence(decode("rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + "/stream1",
                Duration.ofSeconds(4)), 4);
    }

    @Test
    void ffmpegDecodesFourSecondsOverRtspsWithEveryFrameInOrder() {
        assertCompleteSequence(decode("rtsps://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspsPort() + "/stream1",
                Duration.ofSeconds(4)), 4);
    }

    @Test
    void theSubStreamServesTheSameSceneAtHalfTheSizeAndCanBeTakenAwayAlone() throws Exception {
        String sub = "rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + "/stream2";
        List<int[]> sizes = new ArrayList<>();
        List<FrameStamp> stamps = new ArrayList<>();
        DecodingClient.decode(sub, Duration.ofSeconds(3), picture -> {
            sizes.add(new int[] {picture.width(), picture.height()});
            stamps.add(picture.stamp());
        });
        assertTrue(stamps.size() >= 2 * camera.config().fps(), "decoded " + stamps.size() + " sub-stream pictures in 3 s");
        for (int[] size : sizes) {
            assertEquals(320, size[0]);
            assertEquals(180, size[1]);
        }
        assertTrue(stamps.stream().allMatch(s -> s != null && s.cameraId() == 7), "the sub-stream's pictures carry the camera's stamp");
        assertEquals(320, camera.subWidth());

        camera.faults().subStreamGone = true;
        assertEquals(404, describe("/stream2", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())));
        assertEquals(200, describe("/stream1", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())),
                "the main stream stays");
        assertEquals(404, describe("/stream3", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())));
    }

    @Test
    void wrongOrMissingCredentialsGet401() throws Exception {
        assertEquals(401, describe(null));
        assertEquals(401, describe("Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes())));
        assertEquals(401, describe("Digest username=\"admin\", realm=\"VigilVirtualCamera\", nonce=\"x\", uri=\"/stream1\", response=\"00\""));
        assertEquals(200, describe("Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())));
        assertThrows(IllegalStateException.class, () -> decode("rtsp://admin:wrong@127.0.0.1:" + camera.rtspPort()
                + "/stream1", Duration.ofSeconds(2)));
    }

    @Test
    void aClientPinningTheCamerasCertificateRefusesAnotherOne() throws Exception {
        handshakePinned(camera.certificate());
        camera.faults().presentOtherCertificate = true;
        assertThrows(SSLHandshakeException.class, () -> handshakePinned(camera.certificate()));
        handshakePinned(camera.otherCertificate()); // it really is the other certificate
    }

    @Test
    void theExpiredCertificateFaultPresentsAnExpiredCertificate() throws Exception {
        camera.faults().presentExpiredCertificate = true;
        X509Certificate[] presented = new X509Certificate[1];
        TrustManager lookOnly = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {lookOnly}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", camera.rtspsPort())) {
            socket.startHandshake();
        }
        assertThrows(CertificateExpiredException.class, () -> presented[0].checkValidity());
    }

    @Test
    void ptzMovesTheSceneAndTheBurnedInPosition() {
        camera.ptz().absoluteMove(0.5, -0.25, 0.1);
        List<FrameStamp> stamps = decode("rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + "/stream1",
                Duration.ofSeconds(2));
        FrameStamp last = stamps.get(stamps.size() - 1);
        assertEquals(500, last.pan());
        assertEquals(-250, last.tilt());
        assertEquals(100, last.zoom());
        camera.ptz().absoluteMove(0, 0, 0);
    }

    @Test
    void faultsAreSwitchedAtRunTime() throws Exception {
        String url = "rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + "/stream1";
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
        camera.faults().refuseCredentials = true;
        assertEquals(401, describe(basic), "refuses even the right credentials");
        camera.faults().refuseCredentials = false;

        camera.faults().dropAfterMs = 1500;
        long started = System.nanoTime();
        List<FrameStamp> beforeDrop = decode(url, Duration.ofSeconds(8));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 6000, "the camera dropped the connection (" + elapsedMs + " ms)");
        assertTrue(beforeDrop.size() > 10 && beforeDrop.size() < 3 * camera.config().fps(), beforeDrop.size() + " frames");
        camera.faults().dropAfterMs = 0;

        camera.faults().clockSkewMs = -3_600_000;
        FrameStamp skewed = decode(url, Duration.ofSeconds(1)).get(0);
        long skew = System.currentTimeMillis() - skewed.captureTimeMs();
        assertTrue(skew > 3_500_000 && skew < 3_700_000, "burned-in time follows the camera's skewed clock: " + skew);
    }

    @Test
    void aPortInUseIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CameraConfig config = new CameraConfig(9, 640, 360, 25, 500_000, 25, "admin", "pw", taken.getLocalPort(), -1, -1, -1);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> VirtualCamera.start(config, InternalCa.create("m"), InternalCa.create("i")));
            assertTrue(e.getMessage().contains("RTSP port " + taken.getLocalPort()), e.getMessage());
        }
    }

    private static List<FrameStamp> decode(String url, Duration duration) {
        List<FrameStamp> stamps = new ArrayList<>();
        DecodingClient.decode(url, duration, picture -> {
            FrameStamp stamp = picture.stamp();
            assertNotNull(stamp, "every decoded picture carries a readable stamp");
            stamps.add(stamp);
        });
        return stamps;
    }

    private static void assertCompleteSequence(List<FrameStamp> stamps, int seconds) {
        int fps = camera.config().fps();
        assertTrue(stamps.size() >= (seconds - 1) * fps, "decoded " + stamps.size() + " frames in " + seconds + " s");
        for (int i = 1; i < stamps.size(); i++) {
            assertEquals(stamps.get(i - 1).frameCounter() + 1, stamps.get(i).frameCounter(),
                    "frame " + i + " follows its predecessor without a gap");
            assertTrue(stamps.get(i).captureTimeMs() > stamps.get(i - 1).captureTimeMs());
            assertEquals(7, stamps.get(i).cameraId());
        }
    }

    private static int describe(String authorization) throws Exception {
        return describe("/stream1", authorization);
    }

    private static int describe(String path, String authorization) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", camera.rtspPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("DESCRIBE rtsp://127.0.0.1:" + camera.rtspPort() + path + " RTSP/1.0\r\nCSeq: 2\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static void handshakePinned(X509Certificate pinned) throws Exception {
        TrustManager pinning = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws CertificateException {
                if (!chain[0].equals(pinned)) {
                    throw new CertificateException("camera presented another certificate");
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {pinning}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", camera.rtspsPort())) {
            socket.startHandshake();
        }
    }
}
