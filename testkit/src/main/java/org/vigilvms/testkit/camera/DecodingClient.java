package org.vigilvms.testkit.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A viewer built on FFmpeg's own RTSP client and its H.264 or H.265 decoder (through JavaCPP, without
 * libavdevice): opens a stream, decodes for a while and hands each picture's luma plane to the
 * caller, which reads the burned-in {@link FrameStamp}.
 */
public final class DecodingClient {

    /** One decoded picture: its luma plane, tightly packed ({@code width} bytes per row), and the stream's codec (FFmpeg's name). */
    public record Picture(byte[] luma, int width, int height, String codec) {
        public FrameStamp stamp() {
            return FrameStamp.read(luma, width, width);
        }
    }

    private DecodingClient() {
    }

    /**
     * Decodes {@code url} (credentials inside it, as rtsp://user:pass@host/...) for {@code duration}.
     *
     * @throws IllegalStateException naming FFmpeg's error when the stream cannot be opened
     */
    public static void decode(String url, Duration duration, Consumer<Picture> pictures) {
        decode(url, duration, false, pictures);
    }

    /**
     * Decodes {@code url} for {@code duration} as a latency floor would: FFmpeg buffers nothing it
     * could hand over (no packets kept from probing the stream, so the first picture comes with the
     * next keyframe after it) and the decoder returns each picture as soon as its packet is in.
     */
    public static void decodeWithoutBuffering(String url, Duration duration, Consumer<Picture> pictures) {
        decode(url, duration, true, pictures);
    }

    private static void decode(String url, Duration duration, boolean unbuffered, Consumer<Picture> pictures) {
        avformat_network_init();
        AVDictionary options = new AVDictionary(null);
        Map<String, String> given = unbuffered
                ? Map.of("rtsp_transport", "tcp", "timeout", "5000000", "fflags", "nobuffer", "max_delay", "0")
                : Map.of("rtsp_transport", "tcp", "timeout", "5000000");
        for (Map.Entry<String, String> o : given.entrySet()) {
            av_dict_set(options, o.getKey(), o.getValue(), 0);
        }
        AVFormatContext format = new AVFormatContext(null);
        int rc = avformat_open_input(format, url, null, options);
        av_dict_free(options);
        if (rc < 0) {
            throw new IllegalStateException("cannot open " + redact(url) + ": " + error(rc));
        }
        AVCodecContext decoder = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            if ((rc = avformat_find_stream_info(format, (PointerPointer<?>) null)) < 0) {
                throw new IllegalStateException("no stream info from " + redact(url) + ": " + error(rc));
            }
            int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (video < 0) {
                throw new IllegalStateException("no video stream in " + redact(url));
            }
            AVCodec codec = avcodec_find_decoder(format.streams(video).codecpar().codec_id());
            decoder = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(decoder, format.streams(video).codecpar());
            if (unbuffered) {
                decoder.thread_count(1); // frame threads would each hold a picture back
                decoder.flags(decoder.flags() | AV_CODEC_FLAG_LOW_DELAY);
            }
            if ((rc = avcodec_open2(decoder, codec, (AVDictionary) null)) < 0) {
                throw new IllegalStateException("cannot open the decoder: " + error(rc));
            }
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline && av_read_frame(format, packet) >= 0) {
                try {
                    if (packet.stream_index() == video && avcodec_send_packet(decoder, packet) >= 0) {
                        while (avcodec_receive_frame(decoder, frame) >= 0) {
                            pictures.accept(luma(frame, codec.name().getString()));
                        }
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(format);
        }
    }

    private static Picture luma(AVFrame frame, String codec) {
        int width = frame.width();
        int height = frame.height();
        int stride = frame.linesize(0);
        byte[] luma = new byte[width * height];
        BytePointer plane = frame.data(0);
        for (int row = 0; row < height; row++) {
            plane.position((long) row * stride).get(luma, row * width, width);
        }
        plane.position(0);
        return new Picture(luma, width, height, codec);
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    private static String error(int code) {
        byte[] buffer = new byte[256];
        av_strerror(code, buffer, buffer.length);
        String text = new String(buffer).trim();
        int nul = text.indexOf('\0');
        return (nul >= 0 ? text.substring(0, nul) : text) + " (" + code + ")";
    }
}
