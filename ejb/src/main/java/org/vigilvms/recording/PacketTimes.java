package org.vigilvms.recording;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The presentation and decoding times of a connection's video packets, made usable: a missing
 * one taken from the other, and decoding times that do not rise (camera or reconnect quirks)
 * moved just past the previous one. One per connection.
 */
final class PacketTimes {

    private long lastDts = Long.MIN_VALUE;
    private long pts;
    private long dts;

    /** Reads the packet's times; false when it has none at all (the packet cannot be placed). */
    boolean take(AVPacket packet) {
        pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : pts;
        if (pts == AV_NOPTS_VALUE) {
            return false;
        }
        if (lastDts != Long.MIN_VALUE && dts <= lastDts) {
            dts = lastDts + 1;
            pts = Math.max(pts, dts);
        }
        lastDts = dts;
        return true;
    }

    long pts() {
        return pts;
    }

    long dts() {
        return dts;
    }
}
