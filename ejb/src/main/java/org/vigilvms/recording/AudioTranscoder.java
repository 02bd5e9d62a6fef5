package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_drain;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.vigilvms.video.FfmpegError;

/**
 * Camera sound that an MP4 segment cannot hold as it comes — G.711 (mu-law, A-law), the codec most
 * IP cameras send, and other telephone codecs FFmpeg decodes — re-encoded ({@link Target}): to
 * AAC-LC at {@value #SAMPLE_RATE} Hz with FFmpeg's fast AAC coder for the segments (what every
 * player takes), or to Opus at 48 kHz (the only rate browsers take in MP4) in 10 ms frames for live listeners (AAC's frames of 1024 samples and its
 * look-ahead hold the sound back by a seventh of a second; the pictures stay untouched). Each
 * encoded frame carries the camera's time of its first sample, so the sound stays
 * on the pictures' clock; a jump in the camera's timestamps (lost packets, a muted microphone)
 * starts afresh at the new time instead of closing the gap. One per connection; not thread-safe.
 */
final class AudioTranscoder implements AutoCloseable {

    /** What the sound is encoded to, with the encoder's settings. */
    enum Target {
        /**
         * The segments': AAC-LC with FFmpeg's "fast" coder, a third of the default "twoloop" one's
         * CPU (0.24 % of a core per stream against 0.78 %, measured with Debian's ffmpeg), which is
         * plenty for a camera microphone.
         */
        RECORDING("aac", SAMPLE_RATE, AV_SAMPLE_FMT_FLTP, 32_000, "aac_coder", "fast"),
        /** Live listeners': Opus (libopus) in its low-delay mode, 10 ms frames, 2.5 ms of look-ahead. */
        LIVE("libopus", 48_000, AV_SAMPLE_FMT_FLT, 24_000, "application", "lowdelay", "frame_duration", "10");

        final String encoder;
        final int sampleRate;
        final int sampleFormat;
        final long bitRate;
        final String[] options;

        Target(String encoder, int sampleRate, int sampleFormat, long bitRate, String... options) {
            this.encoder = encoder;
            this.sampleRate = sampleRate;
            this.sampleFormat = sampleFormat;
            this.bitRate = bitRate;
            this.options = options;
        }
    }

    /** The segments' sound's sample rate. */
    static final int SAMPLE_RATE = 16_000;

    private final Target target;
    private final AVRational inputTimeBase;
    private final AVRational outputTimeBase;
    /** A jump in the camera's sound timestamps beyond this (samples) restarts the timeline: 50 ms. */
    private final long maxJump;
    private final int channels;
    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    private final SwrContext resampler;
    private final AVAudioFifo fifo;
    private final AVCodecParameters parameters;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame resampled = av_frame_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();
    /** Time (in samples) of the first sample waiting in the fifo. */
    private long fifoPts = AV_NOPTS_VALUE;

    /** Whether FFmpeg can decode this sound (mono or stereo) so it can be re-encoded. */
    static boolean canTranscode(AVCodecParameters input) {
        int channels = input.ch_layout().nb_channels();
        return avcodec_find_decoder(input.codec_id()) != null && input.sample_rate() > 0 && channels >= 1 && channels <= 2;
    }

    /** Opens decoder, resampler and AAC encoder for {@code input}; {@link IllegalStateException} when one cannot be opened. */
    static AudioTranscoder open(AVStream input) {
        return new AudioTranscoder(input, Target.RECORDING);
    }

    /** Opens decoder, resampler and the target's encoder for {@code input}; {@link IllegalStateException} when one cannot be opened. */
    static AudioTranscoder open(AVStream input, Target target) {
        return new AudioTranscoder(input, target);
    }

    private AudioTranscoder(AVStream input, Target target) {
        this.target = target;
        this.outputTimeBase = av_make_q(1, target.sampleRate);
        this.maxJump = target.sampleRate / 20;
        AVCodecParameters in = input.codecpar();
        inputTimeBase = input.time_base();
        channels = in.ch_layout().nb_channels();
        AVCodec decoderCodec = avcodec_find_decoder(in.codec_id());
        AVCodec encoderCodec = avcodec_find_encoder_by_name(target.encoder);
        if (decoderCodec == null || encoderCodec == null) {
            throw new IllegalStateException("no decoder for the camera's sound, or no " + target.encoder + " encoder");
        }
        decoder = avcodec_alloc_context3(decoderCodec);
        encoder = avcodec_alloc_context3(encoderCodec);
        fifo = av_audio_fifo_alloc(target.sampleFormat, channels, target.sampleRate);
        parameters = avcodec_parameters_alloc();
        resampler = new SwrContext(null);
        try {
            check(avcodec_parameters_to_context(decoder, in), "decoder parameters");
            decoder.pkt_timebase(inputTimeBase);
            check(avcodec_open2(decoder, decoderCodec, (AVDictionary) null), "open the sound decoder");
            encoder.sample_fmt(target.sampleFormat);
            encoder.sample_rate(target.sampleRate);
            setLayout(encoder.ch_layout());
            encoder.bit_rate(target.bitRate);
            encoder.time_base(outputTimeBase);
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER); // the codec's configuration goes into the MP4 header
            AVDictionary options = new AVDictionary(null);
            for (int i = 0; i + 1 < target.options.length; i += 2) {
                av_dict_set(options, target.options[i], target.options[i + 1], 0);
            }
            int opened = avcodec_open2(encoder, encoderCodec, options);
            av_dict_free(options);
            check(opened, "open the " + target.encoder + " encoder");
            check(avcodec_parameters_from_context(parameters, encoder), target.encoder + " parameters");
            AVChannelLayout layout = new AVChannelLayout();
            av_channel_layout_default(layout, channels);
            check(swr_alloc_set_opts2(resampler, layout, target.sampleFormat, target.sampleRate,
                    layout, decoder.sample_fmt(), decoder.sample_rate(), 0, null), "resampler options");
            check(swr_init(resampler), "open the resampler");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The encoded track's parameters, for an MP4 header. */
    AVCodecParameters parameters() {
        return parameters;
    }

    /** Time base of the packets {@link #transcode} returns. */
    AVRational timeBase() {
        return outputTimeBase;
    }

    /**
     * Feeds one packet of the camera's sound; returns the encoded packets it completes (none while a
     * frame is still filling: 1024 samples for AAC, 160 for Opus), to be released with {@link #release}. A
     * packet the decoder refuses (corrupt) is dropped.
     */
    List<AVPacket> transcode(AVPacket packet) {
        List<AVPacket> out = new ArrayList<>(2);
        if (avcodec_send_packet(decoder, packet) < 0) {
            return out;
        }
        while (avcodec_receive_frame(decoder, decoded) >= 0) {
            try {
                long pts = decoded.best_effort_timestamp() != AV_NOPTS_VALUE ? decoded.best_effort_timestamp() : decoded.pts();
                if (pts != AV_NOPTS_VALUE) {
                    resample(av_rescale_q(pts, inputTimeBase, outputTimeBase));
                    encodeWhole(out);
                }
            } catch (RuntimeException e) {
                // this piece of sound is lost; the pictures must not be: recording goes on
            } finally {
                av_frame_unref(decoded);
            }
        }
        return out;
    }

    /**
     * At the end of a connection: encodes what waits in the fifo (a short last frame) and what the
     * encoder holds back, so the sound lasts as long as the pictures; release as {@link #transcode}'s.
     */
    List<AVPacket> drain() {
        List<AVPacket> out = new ArrayList<>(4);
        try {
            int rest = av_audio_fifo_size(fifo);
            if (rest > 0) {
                nextFrame(rest);
                check(avcodec_send_frame(encoder, frame), "encode the sound");
                receive(out);
            }
            if (avcodec_send_frame(encoder, null) >= 0) {
                receive(out);
            }
        } catch (RuntimeException e) {
            // the last fraction of a second of sound is lost; the pictures are not
        }
        return out;
    }

    /** Frees packets {@link #transcode} returned. */
    static void release(List<AVPacket> packets) {
        for (AVPacket packet : packets) {
            av_packet_free(packet);
        }
    }

    private void resample(long at) {
        av_frame_unref(resampled);
        shape(resampled);
        check(swr_convert_frame(resampler, resampled, decoded), "resample the sound");
        int size = av_audio_fifo_size(fifo);
        if (size > 0 && Math.abs(at - (fifoPts + size)) > maxJump) {
            av_audio_fifo_drain(fifo, size); // a gap or a jump: what waited (under one frame) is dropped
            size = 0;
        }
        if (size == 0) {
            fifoPts = at;
        }
        if (resampled.nb_samples() > 0) {
            av_audio_fifo_write(fifo, resampled.extended_data(), resampled.nb_samples());
        }
    }

    private void encodeWhole(List<AVPacket> out) {
        int frameSize = encoder.frame_size();
        while (av_audio_fifo_size(fifo) >= frameSize) {
            nextFrame(frameSize);
            check(avcodec_send_frame(encoder, frame), "encode the sound");
            receive(out);
        }
    }

    /** The next {@code samples} samples of the fifo into {@link #frame}, stamped with their time. */
    private void nextFrame(int samples) {
        av_frame_unref(frame);
        shape(frame);
        frame.nb_samples(samples);
        check(av_frame_get_buffer(frame, 0), "sound frame");
        av_audio_fifo_read(fifo, frame.extended_data(), samples);
        frame.pts(fifoPts);
        fifoPts += samples;
    }

    private void receive(List<AVPacket> out) {
        while (avcodec_receive_packet(encoder, encoded) >= 0) {
            AVPacket kept = av_packet_alloc();
            av_packet_move_ref(kept, encoded);
            out.add(kept);
        }
    }

    private void setLayout(AVChannelLayout layout) {
        av_channel_layout_default(layout, channels);
    }

    /** What the encoder takes: the target's sample format and rate, the camera's channels. */
    private void shape(AVFrame into) {
        setLayout(into.ch_layout());
        into.sample_rate(target.sampleRate);
        into.format(target.sampleFormat);
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException("cannot " + what + ": " + FfmpegError.text(rc));
        }
    }

    @Override
    public void close() {
        avcodec_free_context(decoder);
        avcodec_free_context(encoder);
        swr_free(resampler);
        av_audio_fifo_free(fifo);
        avcodec_parameters_free(parameters);
        av_frame_free(decoded);
        av_frame_free(resampled);
        av_frame_free(frame);
        av_packet_free(encoded);
    }
}
