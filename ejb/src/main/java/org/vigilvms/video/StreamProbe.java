package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;

/** Opens an RTSP(S) stream the way the recorder does, reads what it carries and closes it again. */
public final class StreamProbe {

    /** What answered: {@code opened} false with the reason in {@code detail}, else the video's format. */
    public record Result(boolean opened, boolean unauthorized, String detail, String videoCodec, int width, int height,
                         double framesPerSecond, String audioCodec) {
    }

    /**
     * What a failure below RTSP says (refused, timed out, reset, not RTSP, TLS failed): one text
     * for all, so the connection test cannot serve as a port scanner of the camera network. An
     * answer in RTSP (a status, a challenge) is a camera and is reported as it is.
     */
    static final String NO_CAMERA = "cannot open the stream: nothing at this address answered as an RTSP camera";

    private StreamProbe() {
    }

    /** {@code url} carries the credentials; it is never part of the result. */
    public static Result probe(String url) {
        AVFormatContext input = new AVFormatContext(null);
        int rc = CameraInput.open(input, url);
        if (rc < 0) {
            String error = FfmpegError.text(rc);
            boolean denied = FfmpegError.deniesAccess(error);
            return new Result(false, denied, denied || error.startsWith("Server returned") ? "cannot open the stream: " + error
                    : NO_CAMERA, null, 0, 0, 0, null);
        }
        try {
            if ((rc = avformat_find_stream_info(input, (PointerPointer<?>) null)) < 0) {
                return new Result(false, false, "no stream information: " + FfmpegError.text(rc), null, 0, 0, 0, null);
            }
            int video = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (video < 0) {
                return new Result(false, false, "the stream has no video", null, 0, 0, 0, null);
            }
            AVStream stream = input.streams(video);
            AVCodecParameters p = stream.codecpar();
            int audio = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            String audioCodec = audio < 0 ? null : avcodec_get_name(input.streams(audio).codecpar().codec_id()).getString();
            double fps = stream.avg_frame_rate().den() == 0 ? 0 : av_q2d(stream.avg_frame_rate());
            return new Result(true, false, "stream opened", avcodec_get_name(p.codec_id()).getString(), p.width(), p.height(),
                    Math.round(fps * 100) / 100.0, audioCodec);
        } finally {
            avformat_close_input(input);
        }
    }
}
