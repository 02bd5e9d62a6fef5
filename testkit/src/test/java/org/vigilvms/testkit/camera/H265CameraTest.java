package org.vigilvms.testkit.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An H.265 virtual camera seen by FFmpeg's RTSP client and HEVC decoder, and by a raw DESCRIBE. */
class H265CameraTest {

    private static final String PASSWORD = "h265-Pa55-word";
    private static VirtualCameraFleet fleet;
    private static VirtualCamera camera;

    @BeforeAll
    static void start() {
        fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(31, PASSWORD), -1, 0, VideoCodec.H265);
        camera = fleet.camera(0);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @AfterEach
    void clearFaults() {
        camera.faults().clear();
    }

    @Test
    void ffmpegDecodesTheMainStreamAsHevcWithTheLoopsPicturesInOrder() throws Exception {
        assertEquals(VideoCodec.H265, camera.codec());
        String sdp = describe("/stream1");
        assertTrue(sdp.contains("a=rtpmap:96 H265/90000"), sdp);
        assertTrue(sdp.contains("sprop-vps=") && sdp.contains("sprop-sps=") && sdp.contains("sprop-pps="), sdp);
        List<DecodingClient.Picture> pictures = decode("/stream1");
        assertTrue(pictures.size() >= 2 * camera.config().fps(), "decoded " + pictures.size() + " pictures in 3 s");
        assertTrue(pictures.stream().allMatch(p -> p.codec().equals("hevc") && p.width() == 640 && p.height() == 360),
                "every picture is 640x360 H.265");
        assertLoopInOrder(pictures);
    }

    @Test
    void theSubStreamIsHevcAtHalfTheSize() {
        List<DecodingClient.Picture> pictures = decode("/stream2");
        assertTrue(pictures.size() >= 2 * camera.config().fps(), "decoded " + pictures.size() + " sub-stream pictures in 3 s");
        assertTrue(pictures.stream().allMatch(p -> p.codec().equals("hevc") && p.width() == 320 && p.height() == 180),
                "every sub-stream picture is 320x180 H.265");
    }

    @Test
    void withParameterSetsOnlyInBandTheSdpHasNoneAndTheStreamStillDecodes() throws Exception {
        camera.faults().parameterSetsOnlyInBand = true;
        String sdp = describe("/stream1");
        assertTrue(sdp.contains("H265/90000"), sdp);
        assertFalse(sdp.contains("sprop-"), "no parameter set in the SDP: " + sdp);
        List<DecodingClient.Picture> pictures = decode("/stream1");
        assertTrue(pictures.size() >= 2 * camera.config().fps(), "decoded " + pictures.size() + " pictures in 3 s");
        assertLoopInOrder(pictures);
    }

    /** The loop's stamps (camera 0) count up by one, wrapping to 0 where the loop restarts. */
    private static void assertLoopInOrder(List<DecodingClient.Picture> pictures) {
        long previous = -1;
        for (DecodingClient.Picture picture : pictures) {
            FrameStamp stamp = picture.stamp();
            assertTrue(stamp != null && stamp.cameraId() == 0, "a loop picture carries the loop's stamp");
            if (previous >= 0) {
                assertTrue(stamp.frameCounter() == previous + 1 || stamp.frameCounter() == 0,
                        "picture " + stamp.frameCounter() + " follows " + previous);
            }
            previous = stamp.frameCounter();
        }
    }

    private static List<DecodingClient.Picture> decode(String path) {
        List<DecodingClient.Picture> pictures = new ArrayList<>();
        DecodingClient.decode("rtsp://admin:" + PASSWORD + "@127.0.0.1:" + camera.rtspPort() + path, Duration.ofSeconds(3),
                pictures::add);
        return pictures;
    }

    /** The SDP the camera answers DESCRIBE with. */
    private static String describe(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", camera.rtspPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("DESCRIBE rtsp://127.0.0.1:" + camera.rtspPort() + path + " RTSP/1.0\r\nCSeq: 2\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int length = 0;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String(body, 0, read);
        }
    }
}
