package org.vigilvms.testkit.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The sound of the virtual cameras' microphones: a {@value #TONE_HZ} Hz tone, AAC-LC, mono,
 * {@value #SAMPLE_RATE} Hz, encoded once with FFmpeg's own AAC encoder and replayed in a loop
 * (one access unit = {@value #SAMPLES_PER_UNIT} samples = 64 ms). Shared by every camera.
 */
public final class AacTone {

    public static final int SAMPLE_RATE = 16_000;
    public static final int SAMPLES_PER_UNIT = 1024;
    public static final int TONE_HZ = 440;
    private static final int UNITS = 80; // about 5 s

    private static volatile AacTone shared;

    private final List<byte[]> units;
    private final byte[] audioSpecificConfig;

    private AacTone(List<byte[]> units, byte[] audioSpecificConfig) {
        this.units = units;
        this.audioSpecificConfig = audioSpecificConfig;
    }

    public static AacTone get() {
        AacTone tone = shared;
        if (tone == null) {
            synchronized (AacTone.class) {
                if (shared == null) {
                    shared = encode();
                }
                tone = shared;
            }
        }
        return tone;
    }

    /** The access unit number {@code n} of the endless tone. */
    public byte[] unit(long n) {
        return units.get((int) (n % units.size()));
    }

    /** For the SDP's {@code config=}: the decoder's AudioSpecificConfig. */
    public byte[] audioSpecificConfig() {
        return audioSpecificConfig.clone();
    }

    private static AacTone encode() {
        AVCodec codec = avcodec_find_encoder_by_name("aac");
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no AAC encoder");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        try {
            context.sample_fmt(AV_SAMPLE_FMT_FLTP);
            context.sample_rate(SAMPLE_RATE);
            av_channel_layout_default(context.ch_layout(), 1);
            context.bit_rate(32_000);
            context.time_base(av_make_q(1, SAMPLE_RATE));
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            int rc = avcodec_open2(context, codec, (AVDictionary) null);
            if (rc < 0) {
                throw new IllegalStateException("cannot open the AAC encoder: error " + rc);
            }
            byte[] config = new byte[context.extradata_size()];
            context.extradata().get(config);
            frame.format(AV_SAMPLE_FMT_FLTP);
            frame.nb_samples(SAMPLES_PER_UNIT);
            frame.sample_rate(SAMPLE_RATE);
            av_channel_layout_default(frame.ch_layout(), 1);
            if (av_frame_get_buffer(frame, 0) < 0) {
                throw new IllegalStateException("cannot allocate an audio frame");
            }
            List<byte[]> units = new ArrayList<>();
            float[] samples = new float[SAMPLES_PER_UNIT];
            // a few extra frames in: the encoder's first output units are its priming delay
            for (long n = 0; units.size() < UNITS; n++) {
                for (int i = 0; i < samples.length; i++) {
                    long t = n * SAMPLES_PER_UNIT + i;
                    samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * TONE_HZ * t / SAMPLE_RATE));
                }
                new FloatPointer(frame.data(0)).put(samples);
                frame.pts(n * SAMPLES_PER_UNIT);
                if ((rc = avcodec_send_frame(context, frame)) < 0) {
                    throw new IllegalStateException("the AAC encoder refused a frame: error " + rc);
                }
                while (avcodec_receive_packet(context, packet) >= 0) {
                    byte[] unit = new byte[packet.size()];
                    packet.data().get(unit);
                    av_packet_unref(packet);
                    if (n > 2) {
                        units.add(unit);
                    }
                }
            }
            return new AacTone(List.copyOf(units), config);
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(context);
        }
    }
}
