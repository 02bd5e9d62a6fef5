package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.vigilvms.jms.analytics.Region;

/**
 * Pictures in, masked pictures out: decodes a camera's packets, burns the privacy masks in
 * ({@link MaskPainter}) and encodes them again as H.264 (libopenh264, no B-frames, a key picture
 * wherever the original had one, no picture skipped), keeping each picture's time. The encoder
 * opens at the first decoded picture (its size is known then) and is announced to the
 * {@link Output} before its first packet. Not thread-safe: one thread feeds it.
 */
public final class MaskingTranscoder implements AutoCloseable {

    /** Where the masked pictures go; packets are in the input's time base and are not to be kept. */
    public interface Output {
        void opened(AVCodecContext encoder);

        void packet(AVPacket packet);
    }

    /** Bits per second when the original's rate is not known. */
    public static final long DEFAULT_BIT_RATE = 1_000_000;

    private final AVRational timeBase;
    private final AVRational frameRate;
    private final long bitRate;
    private final boolean globalHeader;
    private final List<Region> masks;
    private final Output output;
    private final AVCodecContext decoder;
    private final AVFrame frame = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();
    private AVCodecContext encoder;
    private List<MaskArea.Box> boxes;

    /**
     * {@code frameRate} may be null (25 assumed); {@code bitRate} of 0 or less takes
     * {@link #DEFAULT_BIT_RATE}; {@code globalHeader}: the parameter sets go in the encoder's
     * extradata (what MP4 needs).
     */
    public MaskingTranscoder(AVCodecParameters input, AVRational timeBase, AVRational frameRate, long bitRate,
                             boolean globalHeader, List<Region> masks, Output output) {
        this.timeBase = av_make_q(timeBase.num(), timeBase.den());
        this.frameRate = frameRate != null && frameRate.num() > 0 ? av_make_q(frameRate.num(), frameRate.den()) : av_make_q(25, 1);
        this.bitRate = bitRate > 0 ? Math.min(bitRate, 20_000_000) : DEFAULT_BIT_RATE;
        this.globalHeader = globalHeader;
        this.masks = List.copyOf(masks);
        this.output = output;
        this.decoder = VideoFiles.openDecoder(input, false);
    }

    /** One packet of the camera's pictures (its times in the input time base); not consumed. */
    public void send(AVPacket packet) {
        check(avcodec_send_packet(decoder, packet), "decode a picture");
        drainDecoder();
    }

    /** Flushes the pictures the decoder and encoder still hold; false when no picture ever decoded. */
    public boolean finish() {
        avcodec_send_packet(decoder, null);
        drainDecoder();
        if (encoder == null) {
            return false;
        }
        avcodec_send_frame(encoder, null);
        drainEncoder();
        return true;
    }

    private void drainDecoder() {
        int rc;
        while ((rc = avcodec_receive_frame(decoder, frame)) >= 0) {
            try {
                if (frame.format() != AV_PIX_FMT_YUV420P && frame.format() != AV_PIX_FMT_YUVJ420P) {
                    throw new IllegalStateException("cannot mask and encode pictures in pixel format " + frame.format());
                }
                if (encoder == null) {
                    openEncoder(frame.width(), frame.height());
                }
                MaskPainter.paint(frame, boxes);
                frame.pts(frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts());
                frame.pict_type(frame.key_frame() != 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                frame.format(AV_PIX_FMT_YUV420P); // the full-range variant has the same layout
                check(avcodec_send_frame(encoder, frame), "encode a masked picture");
                drainEncoder();
            } finally {
                av_frame_unref(frame);
            }
        }
        if (rc != AVERROR_EOF && rc != AVERROR_EAGAIN()) {
            check(rc, "decode a picture");
        }
    }

    private void drainEncoder() {
        while (avcodec_receive_packet(encoder, encoded) >= 0) {
            try {
                output.packet(encoded);
            } finally {
                av_packet_unref(encoded);
            }
        }
    }

    private void openEncoder(int width, int height) {
        boxes = MaskArea.of(masks, width, height);
        AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no libopenh264 encoder to mask with");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width);
        encoder.height(height);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(timeBase);
        encoder.framerate(frameRate);
        encoder.bit_rate(bitRate);
        encoder.gop_size(Math.max(1, 10 * frameRate.num() / Math.max(1, frameRate.den())));
        encoder.max_b_frames(0);
        if (globalHeader) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "allow_skip_frames", "0", 0); // every picture of the original is shown
        int rc = avcodec_open2(encoder, codec, options);
        av_dict_free(options);
        check(rc, "open the H.264 encoder for " + width + "x" + height);
        output.opened(encoder);
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException("cannot " + what + ": " + FfmpegError.text(rc));
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(encoded);
        avcodec_free_context(decoder);
        if (encoder != null) {
            avcodec_free_context(encoder);
        }
    }
}
