package org.vigilvms.testkit.camera;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * What a stream or a file holds in sound, for tests: the audio codec and rate, how many seconds
 * of audio decode, the span of its timestamps next to the video's, and how much of the sound is
 * the cameras' {@value AacTone#TONE_HZ} Hz tone (Goertzel power over total power).
 */
public final class AudioProbe {

    /**
     * {@code codec} null when there is no audio. Times in seconds of the media timeline;
     * {@code toneShare} 0..1 (a clean tone is near 1, silence or noise near 0).
     */
    public record Sound(String codec, int sampleRate, double decodedSeconds, double audioFirst, double audioLast,
                        double videoFirst, double videoLast, double toneShare) {
    }

    private AudioProbe() {
    }

    /** Reads {@code source} (a file or an rtsp:// URL, TCP) for at most {@code duration}. */
    public static Sound probe(String source, Duration duration) {
        avformat_network_init();
        AVDictionary options = new AVDictionary(null);
        if (source.startsWith("rtsp")) {
            av_dict_set(options, "rtsp_transport", "tcp", 0);
            av_dict_set(options, "timeout", "5000000", 0);
        }
        AVFormatContext format = new AVFormatContext(null);
        int rc = avformat_open_input(format, source, null, options);
        av_dict_free(options);
        if (rc < 0) {
            throw new IllegalStateException("cannot open " + source.replaceAll("//[^@/]*@", "//***@") + ": error " + rc);
        }
        AVCodecContext decoder = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            if (avformat_find_stream_info(format, (PointerPointer<?>) null) < 0) {
                throw new IllegalStateException("no stream information in " + source);
            }
            int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (audio < 0) {
                return new Sound(null, 0, 0, 0, 0, 0, 0, 0);
            }
            AVCodec codec = avcodec_find_decoder(format.streams(audio).codecpar().codec_id());
            decoder = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(decoder, format.streams(audio).codecpar());
            if (avcodec_open2(decoder, codec, (AVDictionary) null) < 0) {
                throw new IllegalStateException("cannot open the audio decoder");
            }
            double audioBase = av_q2d(format.streams(audio).time_base());
            double videoBase = video < 0 ? 0 : av_q2d(format.streams(video).time_base());
            double audioFirst = Double.NaN, audioLast = Double.NaN, videoFirst = Double.NaN, videoLast = Double.NaN;
            long samples = 0;
            Goertzel tone = new Goertzel(AacTone.TONE_HZ, format.streams(audio).codecpar().sample_rate());
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline && av_read_frame(format, packet) >= 0) {
                try {
                    long pts = packet.pts();
                    if (packet.stream_index() == video && pts != AV_NOPTS_VALUE) {
                        double t = pts * videoBase;
                        videoFirst = Double.isNaN(videoFirst) ? t : Math.min(videoFirst, t);
                        videoLast = Double.isNaN(videoLast) ? t : Math.max(videoLast, t);
                    } else if (packet.stream_index() == audio && avcodec_send_packet(decoder, packet) >= 0) {
                        if (pts != AV_NOPTS_VALUE) {
                            double t = pts * audioBase;
                            audioFirst = Double.isNaN(audioFirst) ? t : Math.min(audioFirst, t);
                            audioLast = Double.isNaN(audioLast) ? t : Math.max(audioLast, t);
                        }
                        while (avcodec_receive_frame(decoder, frame) >= 0) {
                            samples += frame.nb_samples();
                            if (frame.format() == AV_SAMPLE_FMT_FLTP) {
                                float[] pcm = new float[frame.nb_samples()];
                                new FloatPointer(frame.data(0)).get(pcm);
                                tone.add(pcm);
                            } else if (frame.format() == AV_SAMPLE_FMT_S16) { // G.711, first channel
                                int channels = frame.ch_layout().nb_channels();
                                short[] interleaved = new short[frame.nb_samples() * channels];
                                new ShortPointer(frame.data(0)).get(interleaved);
                                float[] pcm = new float[frame.nb_samples()];
                                for (int i = 0; i < pcm.length; i++) {
                                    pcm[i] = interleaved[i * channels] / 32768f;
                                }
                                tone.add(pcm);
                            }
                        }
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            return new Sound(avcodec_get_name(decoder.codec_id()).getString(), decoder.sample_rate(),
                    samples / (double) decoder.sample_rate(), audioFirst, audioLast, videoFirst, videoLast, tone.share());
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(format);
        }
    }

    /** The power at one frequency over the total, summed over blocks of 400 samples. */
    private static final class Goertzel {
        private final double coefficient;
        private double tonePower;
        private double totalPower;
        private final double[] block = new double[400];
        private int filled;

        Goertzel(double hz, int sampleRate) {
            this.coefficient = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        }

        void add(float[] pcm) {
            for (float x : pcm) {
                block[filled++] = x;
                if (filled == block.length) {
                    double s1 = 0, s2 = 0, energy = 0;
                    for (double v : block) {
                        double s = v + coefficient * s1 - s2;
                        s2 = s1;
                        s1 = s;
                        energy += v * v;
                    }
                    // a tone of whole periods per block: 2/N of its bin's power equals its energy
                    tonePower += (s1 * s1 + s2 * s2 - coefficient * s1 * s2) * 2 / block.length;
                    totalPower += energy;
                    filled = 0;
                }
            }
        }

        double share() {
            return totalPower == 0 ? 0 : Math.min(1, tonePower / totalPower);
        }
    }
}
