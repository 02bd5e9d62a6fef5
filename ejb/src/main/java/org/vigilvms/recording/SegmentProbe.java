package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Reads a spooled segment's frame count and media duration back from the file (after a crash). */
final class SegmentProbe {

    record Result(int frames, long durationMs) {
    }

    private SegmentProbe() {
    }

    /** Frames and duration of the video in a segment file; 0 frames when it holds none or cannot be read. */
    static Result probe(Path file) {
        AVFormatContext input = new AVFormatContext(null);
        if (avformat_open_input(input, file.toString(), null, (AVDictionary) null) < 0) {
            return new Result(0, 0);
        }
        AVPacket packet = av_packet_alloc();
        try {
            if (input.nb_streams() < 1) {
                return new Result(0, 0);
            }
            AVRational timeBase = input.streams(0).time_base();
            int frames = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            while (av_read_frame(input, packet) >= 0) {
                try {
                    long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (packet.stream_index() != 0 || pts == AV_NOPTS_VALUE) {
                        continue;
                    }
                    frames++;
                    first = Math.min(first, pts);
                    last = Math.max(last, pts);
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (frames == 0) {
                return new Result(0, 0);
            }
            long span = av_rescale_q(last - first, timeBase, av_make_q(1, 1000));
            return new Result(frames, frames > 1 ? span + span / (frames - 1) : span);
        } finally {
            av_packet_free(packet);
            avformat_close_input(input);
        }
    }
}
