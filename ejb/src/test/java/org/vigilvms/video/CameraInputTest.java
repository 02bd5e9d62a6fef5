package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg, opened the way Vigil opens cameras, reaches nothing but RTSP(S): an http:// address
 * (what an RTSP redirect or a hostile URL could name) gets no connection at all, while the same
 * address opened without the whitelist does (the control, so the test can fail).
 */
class CameraInputTest {

    @Test
    void theWhitelistKeepsFfmpegFromOpeningAnythingButRtsp() throws Exception {
        avformat_network_init();
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/camera.mp4";

            CompletableFuture<Boolean> guarded = accepted(listener);
            int rc = open(url, CameraInput.dictionary());
            assertTrue(rc < 0, "refused by FFmpeg: " + rc);
            assertEquals(false, guarded.get(10, TimeUnit.SECONDS), "no connection reached the listener");

            AVDictionary plain = new AVDictionary(null);
            av_dict_set(plain, "timeout", "2000000", 0);
            CompletableFuture<Boolean> control = accepted(listener);
            open(url, plain);
            assertEquals(true, control.get(10, TimeUnit.SECONDS), "without the whitelist FFmpeg connects");
        }
    }

    @Test
    void theOptionsAreTheOnesTheRecorderNeeds() {
        assertEquals("tcp", CameraInput.options().get("rtsp_transport"));
        assertEquals("rtsp,rtsps,tcp,tls", CameraInput.options().get("protocol_whitelist"));
    }

    private static int open(String url, AVDictionary options) {
        AVFormatContext input = new AVFormatContext(null);
        int rc = avformat_open_input(input, url, null, options);
        av_dict_free(options);
        if (rc >= 0) {
            avformat_close_input(input);
        }
        return rc;
    }

    /** Whether a connection arrives within 3 s; answers it with a 404 so FFmpeg stops at once. */
    private static CompletableFuture<Boolean> accepted(ServerSocket listener) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                listener.setSoTimeout(3000);
                try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
