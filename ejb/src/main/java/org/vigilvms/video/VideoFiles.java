package org.vigilvms.video;

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
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Decoding of stored (fragmented) MP4 files: segments, the live picture group, for analysis and stills. */
public final class VideoFiles {

    /** Receives decoded frames in order; returns false to stop. */
    @FunctionalInterface
    public interface Frames {
        boolean frame(AVFrame frame, long mediaMs);
    }

    private VideoFiles() {
    }

    /**
     * A single-threaded decoder. {@code forAnalysis}: pictures end up tiny, so the deblocking
     * filter is skipped; stills for people keep it.
     */
    public static AVCodecContext openDecoder(AVCodecParameters parameters, boolean forAnalysis) {
        AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
        if (decoder == null) {
            throw new IllegalStateException("no decoder for codec " + parameters.codec_id());
        }
        AVCodecContext codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, parameters);
        codec.thread_count(1);
        if (forAnalysis) {
            codec.skip_loop_filter(48); // AVDISCARD_ALL
        }
        if (avcodec_open2(codec, decoder, (AVDictionary) null) < 0) {
            avcodec_free_context(codec);
            throw new IllegalStateException("cannot open the decoder");
        }
        return codec;
    }

    /**
     * Decodes MP4 bytes held in memory (a decrypted segment, the live picture group): FFmpeg
     * reads them from a private file in {@code workDir} that is removed afterwards.
     */
    public static void decode(byte[] mp4, Path workDir, boolean forAnalysis, Frames frames) {
        Path file;
        try {
            Files.createDirectories(workDir);
            file = Files.createTempFile(workDir, "decode-", ".mp4");
            Files.write(file, mp4);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the video for decoding: " + e.getMessage(), e);
        }
        try {
            decode(file, forAnalysis, frames);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the folder is the server's own; the next decode does not need the name
            }
        }
    }

    /** Decodes the first stream of {@code file}, each frame with its time from the file's start (ms). */
    public static void decode(Path file, boolean forAnalysis, Frames frames) {
        AVFormatContext input = new AVFormatContext(null);
        int opened = avformat_open_input(input, file.toString(), null, (AVDictionary) null);
        if (opened < 0) {
            throw new IllegalStateException("not a readable video file: " + FfmpegError.text(opened));
        }
        if (input.nb_streams() < 1) {
            avformat_close_input(input);
            throw new IllegalStateException("the video file has no stream");
        }
        AVCodecContext codec = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            codec = openDecoder(input.streams(0).codecpar(), forAnalysis);
            AVRational base = input.streams(0).time_base();
            boolean more = true;
            while (more && av_read_frame(input, packet) >= 0) {
                try {
                    if (packet.stream_index() != 0 || avcodec_send_packet(codec, packet) < 0) {
                        continue;
                    }
                    while (more && avcodec_receive_frame(codec, frame) >= 0) {
                        long pts = frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
                        more = frames.frame(frame, av_rescale_q(pts, base, av_make_q(1, 1000)));
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (codec != null) {
                avcodec_free_context(codec);
            }
            avformat_close_input(input);
        }
    }
}
