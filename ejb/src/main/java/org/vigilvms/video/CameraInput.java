package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * How FFmpeg opens a camera's stream, in one place for the recorder and the connection test:
 * RTSP interleaved over TCP, a socket timeout, and only the protocols a camera stream needs. The
 * whitelist is FFmpeg's own guard: whatever a camera answers (a redirect, an SDP naming another
 * transport), FFmpeg will not open a file, a pipe, {@code concat:}, {@code subfile:},
 * {@code data:} or an HTTP URL on the server's behalf.
 */
public final class CameraInput {

    /** The protocols a camera stream may use: RTSP over TCP, RTSPS (RTSP over TLS). */
    public static final String PROTOCOLS = "rtsp,rtsps,tcp,tls";

    private CameraInput() {
    }

    /** The options, as FFmpeg takes them. */
    public static Map<String, String> options() {
        return Map.of("rtsp_transport", "tcp", "timeout", "5000000", "protocol_whitelist", PROTOCOLS);
    }

    /** {@link #options()} into a dictionary for {@code avformat_open_input}. */
    public static AVDictionary dictionary() {
        AVDictionary dictionary = new AVDictionary(null);
        options().forEach((name, value) -> av_dict_set(dictionary, name, value, 0));
        return dictionary;
    }

    /** Opens a camera stream with these options into {@code input}; FFmpeg's return code (negative: failed). */
    public static int open(AVFormatContext input, String url) {
        avformat_network_init();
        AVDictionary options = dictionary();
        int rc = avformat_open_input(input, url, null, options);
        av_dict_free(options);
        return rc;
    }
}
