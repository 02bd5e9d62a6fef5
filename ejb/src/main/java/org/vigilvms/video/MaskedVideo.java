package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.jboss.logging.Logger;
import org.vigilvms.jms.analytics.Region;

/**
 * A stored segment (fragmented MP4) with privacy masks burned in ({@link MaskingTranscoder}),
 * its sound copied as it is or left out; with no mask, the same pictures encoded again as H.264
 * (an H.265 segment for a browser that cannot play H.265). The result is fragmented like the recorder's segments
 * and keeps their timing, so a player takes it in place of the original. Runs on the caller's
 * thread; costs about one decode and one encode of the segment.
 */
public final class MaskedVideo {

    private static final Logger LOG = Logger.getLogger(MaskedVideo.class);

    private MaskedVideo() {
    }

    /**
     * {@code mp4} with {@code masks} burned into every picture; with its sound only when
     * {@code withSound}. Works in private files of {@code workDir}.
     */
    public static byte[] of(byte[] mp4, List<Region> masks, boolean withSound, Path workDir) {
        Path in;
        Path out;
        try {
            Files.createDirectories(workDir);
            in = Files.createTempFile(workDir, "unmasked-", ".mp4");
            out = Files.createTempFile(workDir, "masked-", ".mp4");
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the video for masking: " + e.getMessage(), e);
        }
        try {
            Files.write(in, mp4);
            new Job(in, out, withSound).run(masks);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot mask the video: " + e.getMessage(), e);
        } finally {
            delete(in);
            delete(out);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("cannot remove %s: %s", file, e.getMessage());
        }
    }

    /** One masking run: the demuxer and muxer it owns, freed by {@link #run}. */
    private static final class Job implements MaskingTranscoder.Output {
        private final Path in;
        private final Path out;
        private final boolean withSound;
        private final AVFormatContext input = new AVFormatContext(null);
        private final List<AVPacket> early = new ArrayList<>();
        private AVFormatContext output;
        private AVStream source;
        private AVStream outVideo;
        private AVStream outSound;
        private int soundIndex = -1;

        Job(Path in, Path out, boolean withSound) {
            this.in = in;
            this.out = out;
            this.withSound = withSound;
        }

        void run(List<Region> masks) {
            check(avformat_open_input(input, in.toString(), null, (AVDictionary) null), "read the segment");
            AVPacket packet = av_packet_alloc();
            MaskingTranscoder transcoder = null;
            try {
                check(avformat_find_stream_info(input, (AVDictionary) null), "read the segment's streams");
                int videoIndex = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
                check(videoIndex, "find the segment's pictures");
                if (withSound) {
                    soundIndex = Math.max(-1, av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0));
                }
                source = input.streams(videoIndex);
                boolean globalHeader = (av_guess_format("mp4", null, null).flags() & AVFMT_GLOBALHEADER) != 0;
                transcoder = new MaskingTranscoder(source.codecpar(), source.time_base(), source.avg_frame_rate(), input.bit_rate(),
                        globalHeader, masks, this);
                while (av_read_frame(input, packet) >= 0) {
                    try {
                        if (packet.stream_index() == videoIndex) {
                            transcoder.send(packet);
                        } else if (packet.stream_index() == soundIndex) {
                            if (output == null) {
                                early.add(av_packet_clone(packet)); // sound read before the first picture decoded
                            } else {
                                writeSound(packet);
                            }
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                if (!transcoder.finish()) {
                    throw new IllegalStateException("the segment holds no picture that decodes");
                }
                check(av_write_trailer(output), "finish the masked segment");
            } finally {
                if (transcoder != null) {
                    transcoder.close();
                }
                early.forEach(p -> av_packet_free(p));
                av_packet_free(packet);
                if (output != null) {
                    avio_closep(output.pb());
                    avformat_free_context(output);
                }
                avformat_close_input(input);
            }
        }

        @Override
        public void opened(AVCodecContext encoder) {
            output = new AVFormatContext(null);
            check(avformat_alloc_output_context2(output, null, "mp4", out.toString()), "create an MP4 muxer");
            outVideo = avformat_new_stream(output, null);
            check(avcodec_parameters_from_context(outVideo.codecpar(), encoder), "describe the masked pictures");
            outVideo.time_base(source.time_base());
            if (soundIndex >= 0) {
                outSound = avformat_new_stream(output, null);
                check(avcodec_parameters_copy(outSound.codecpar(), input.streams(soundIndex).codecpar()), "describe the sound");
                outSound.codecpar().codec_tag(0);
                outSound.time_base(input.streams(soundIndex).time_base());
            }
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, out.toString(), AVIO_FLAG_WRITE), "write the masked segment");
            output.pb(io);
            AVDictionary muxing = new AVDictionary(null);
            av_dict_set(muxing, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
            int rc = avformat_write_header(output, muxing);
            av_dict_free(muxing);
            check(rc, "start the masked segment");
            early.forEach(this::writeSound);
        }

        @Override
        public void packet(AVPacket packet) {
            packet.stream_index(outVideo.index());
            av_packet_rescale_ts(packet, source.time_base(), outVideo.time_base());
            check(av_interleaved_write_frame(output, packet), "write a masked picture");
        }

        private void writeSound(AVPacket packet) {
            packet.stream_index(outSound.index());
            packet.pos(-1);
            av_packet_rescale_ts(packet, input.streams(soundIndex).time_base(), outSound.time_base());
            check(av_interleaved_write_frame(output, packet), "copy the sound");
        }

        private static void check(int rc, String what) {
            if (rc < 0) {
                throw new IllegalStateException("cannot " + what + ": " + FfmpegError.text(rc));
            }
        }
    }
}
