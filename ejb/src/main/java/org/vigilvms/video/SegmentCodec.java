package org.vigilvms.video;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a stored segment's pictures are encoded in, read from its MP4 initialisation (the sample
 * entries of {@code moov/trak/mdia/minf/stbl/stsd}) without decoding anything: whether a browser
 * that plays only H.264 needs it transcoded.
 */
public final class SegmentCodec {

    private static final List<String> TO_STSD = List.of("moov", "trak", "mdia", "minf", "stbl", "stsd");

    private SegmentCodec() {
    }

    /** Whether a track of {@code mp4} holds H.265 pictures (sample entry hev1 or hvc1). */
    public static boolean hevc(byte[] mp4) {
        return anyEntry(mp4, 0, mp4.length, 0);
    }

    /** Walks the boxes of {@code [from, to)} at depth {@code level} of the path to stsd; true at an H.265 sample entry. */
    private static boolean anyEntry(byte[] b, int from, int to, int level) {
        int at = from;
        while (at + 8 <= to) {
            long size = readInt(b, at);
            int header = 8;
            if (size == 1 && at + 16 <= to) { // 64-bit size
                size = (readInt(b, at + 8) << 32) | readInt(b, at + 12);
                header = 16;
            } else if (size == 0) {
                size = to - at; // to the end
            }
            if (size < header || at + size > to) {
                return false; // truncated or not MP4
            }
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            int end = (int) (at + size);
            if (type.equals(TO_STSD.get(level))) {
                if (level == TO_STSD.size() - 1) {
                    // stsd: version and flags, entry count, then the sample entries (boxes)
                    if (entries(b, at + header + 8, end)) {
                        return true;
                    }
                } else if (anyEntry(b, at + header, end, level + 1)) {
                    return true;
                }
            }
            at = end;
        }
        return false;
    }

    private static boolean entries(byte[] b, int from, int to) {
        int at = from;
        while (at + 8 <= to) {
            long size = readInt(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("hev1") || type.equals("hvc1")) {
                return true;
            }
            if (size < 8) {
                return false;
            }
            at += (int) size;
        }
        return false;
    }

    private static long readInt(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }
}
