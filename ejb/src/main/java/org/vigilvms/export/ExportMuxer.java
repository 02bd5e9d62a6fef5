package org.vigilvms.export;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.vigilvms.video.FfmpegError;

/**
 * Joins a camera's original segments (fragmented MP4, video first, sound second when the camera
 * sent any, timestamps from 0) into one ordinary MP4 with its index at the front: packets are
 * copied, never re-encoded, each segment placed at its recorded offset, so gaps in the recording
 * stay gaps in the timeline. The sound of segments in the first sound format found is kept.
 */
final class ExportMuxer {

    /** A segment file and where it starts, in ms after the first segment's start. */
    record Part(Path file, long offsetMs) {
    }

    private static final AVRational MILLIS = av_make_q(1, 1000);
    private static final AVRational OUTPUT_TIME_BASE = av_make_q(1, 90_000);

    private ExportMuxer() {
    }

    /** Writes {@code target}; returns its media duration in ms (last frame included). */
    static long join(List<Part> parts, Path target) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        AVFormatContext output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, "mp4", target.toString()), "create an MP4 muxer");
        AVPacket packet = av_packet_alloc();
        boolean headerWritten = false;
        AVCodecParameters soundFormat = firstSound(parts);
        try {
            AVStream stream = null;
            AVStream sound = null;
            long lastSoundDts = Long.MIN_VALUE;
            long lastDts = Long.MIN_VALUE;
            long firstPts = Long.MAX_VALUE;
            long lastPts = Long.MIN_VALUE;
            long frames = 0;
            long frameStep = 0;
            for (Part part : parts) {
                AVFormatContext input = new AVFormatContext(null);
                check(avformat_open_input(input, part.file().toString(), null, (AVDictionary) null), "open " + part.file());
                try {
                    if (input.nb_streams() < 1) {
                        continue;
                    }
                    AVStream in = input.streams(0);
                    if (stream == null) {
                        stream = openOutput(output, in.codecpar(), soundFormat, target);
                        sound = soundFormat == null ? null : output.streams(1);
                        headerWritten = true;
                    } else if (!sameFormat(stream.codecpar(), in.codecpar())) {
                        throw new IllegalStateException("the camera's video format changed at " + part.file().getFileName()
                                + " (" + in.codecpar().width() + "x" + in.codecpar().height() + "); it cannot be joined to one file");
                    }
                    AVRational outBase = stream.time_base();
                    long offset = av_rescale_q(part.offsetMs(), MILLIS, outBase);
                    AVRational inBase = in.time_base();
                    boolean keepSound = sound != null && input.nb_streams() > 1 && sameSound(soundFormat, input.streams(1).codecpar());
                    AVRational soundIn = keepSound ? input.streams(1).time_base() : null;
                    long soundShift = keepSound ? av_rescale_q(part.offsetMs(), MILLIS, sound.time_base()) : 0;
                    while (av_read_frame(input, packet) >= 0) {
                        try {
                            if (keepSound && packet.stream_index() == 1 && packet.dts() != AV_NOPTS_VALUE) {
                                long dts = av_rescale_q(packet.dts(), soundIn, sound.time_base()) + soundShift;
                                if (dts > lastSoundDts) {
                                    long pts = packet.pts() != AV_NOPTS_VALUE
                                            ? av_rescale_q(packet.pts(), soundIn, sound.time_base()) + soundShift : dts;
                                    lastSoundDts = dts;
                                    packet.pts(Math.max(pts, dts));
                                    packet.dts(dts);
                                    packet.duration(av_rescale_q(packet.duration(), soundIn, sound.time_base()));
                                    packet.pos(-1);
                                    packet.stream_index(1);
                                    check(av_interleaved_write_frame(output, packet), "write " + target.getFileName());
                                }
                                continue;
                            }
                            if (packet.stream_index() != 0) {
                                continue;
                            }
                            long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                            long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : pts;
                            if (pts == AV_NOPTS_VALUE) {
                                continue;
                            }
                            pts = av_rescale_q(pts, inBase, outBase) + offset;
                            dts = av_rescale_q(dts, inBase, outBase) + offset;
                            if (lastDts != Long.MIN_VALUE && dts <= lastDts) {
                                dts = lastDts + 1; // rounding at a segment boundary
                                pts = Math.max(pts, dts);
                            }
                            if (lastDts != Long.MIN_VALUE && dts - lastDts < longestFrameStep(outBase)) {
                                frameStep = dts - lastDts;
                            }
                            lastDts = dts;
                            firstPts = Math.min(firstPts, pts);
                            lastPts = Math.max(lastPts, pts);
                            frames++;
                            packet.pts(pts);
                            packet.dts(dts);
                            // without a duration the last frame would end where it starts and fall out of the edit list
                            long duration = packet.duration() > 0 ? av_rescale_q(packet.duration(), inBase, outBase) : 0;
                            packet.duration(duration > 0 ? duration : Math.max(0, frameStep));
                            packet.pos(-1);
                            packet.stream_index(0);
                            check(av_interleaved_write_frame(output, packet), "write " + target.getFileName());
                        } finally {
                            av_packet_unref(packet);
                        }
                    }
                } finally {
                    avformat_close_input(input);
                }
            }
            if (stream == null || frames == 0) {
                throw new IllegalStateException("the segments hold no video");
            }
            check(av_write_trailer(output), "finish " + target.getFileName());
            long span = av_rescale_q(lastPts - firstPts, stream.time_base(), MILLIS);
            return frames > 1 ? span + span / (frames - 1) : span;
        } finally {
            av_packet_free(packet);
            if (soundFormat != null) {
                avcodec_parameters_free(soundFormat);
            }
            if (headerWritten) {
                avio_closep(output.pb());
            }
            avformat_free_context(output);
        }
    }

    /** A copy of the sound format of the first segment that has sound; null when none has. */
    private static AVCodecParameters firstSound(List<Part> parts) {
        for (Part part : parts) {
            AVFormatContext input = new AVFormatContext(null);
            if (avformat_open_input(input, part.file().toString(), null, (AVDictionary) null) < 0) {
                continue; // the join names the file when it fails to open it
            }
            try {
                if (input.nb_streams() > 1 && input.streams(1).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                    AVCodecParameters copy = avcodec_parameters_alloc();
                    avcodec_parameters_copy(copy, input.streams(1).codecpar());
                    return copy;
                }
            } finally {
                avformat_close_input(input);
            }
        }
        return null;
    }

    private static AVStream openOutput(AVFormatContext output, AVCodecParameters codec, AVCodecParameters soundFormat,
                                       Path target) {
        AVStream stream = avformat_new_stream(output, null);
        avcodec_parameters_copy(stream.codecpar(), codec);
        stream.codecpar().codec_tag(0);
        stream.time_base(OUTPUT_TIME_BASE);
        if (soundFormat != null) {
            AVStream sound = avformat_new_stream(output, null);
            avcodec_parameters_copy(sound.codecpar(), soundFormat);
            sound.codecpar().codec_tag(0);
            sound.time_base(av_make_q(1, soundFormat.sample_rate()));
        }
        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, target.toString(), AVIO_FLAG_WRITE), "write " + target);
        output.pb(io);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "movflags", "+faststart", 0); // the index first: plays while it downloads
        int rc = avformat_write_header(output, options);
        av_dict_free(options);
        if (rc < 0) {
            avio_closep(output.pb());
        }
        check(rc, "start " + target.getFileName());
        return stream;
    }

    /** One second in the output time base: a longer step between frames is a gap, not a frame interval. */
    private static long longestFrameStep(AVRational base) {
        return av_rescale_q(1000, MILLIS, base);
    }

    private static boolean sameSound(AVCodecParameters a, AVCodecParameters b) {
        return b.codec_type() == AVMEDIA_TYPE_AUDIO && a.codec_id() == b.codec_id() && a.sample_rate() == b.sample_rate()
                && a.ch_layout().nb_channels() == b.ch_layout().nb_channels();
    }

    private static boolean sameFormat(AVCodecParameters a, AVCodecParameters b) {
        return a.codec_id() == b.codec_id() && a.width() == b.width() && a.height() == b.height();
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException("cannot " + what + ": " + FfmpegError.text(rc));
        }
    }
}
