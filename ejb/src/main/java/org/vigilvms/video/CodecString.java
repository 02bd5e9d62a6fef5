package org.vigilvms.video;

import java.io.ByteArrayOutputStream;

/**
 * The RFC 6381 codec string of a camera's pictures, as a browser's Media Source Extensions need
 * it ({@code avc1.64001f}, {@code hev1.1.6.L93.B0}), read from the stream's decoder configuration:
 * an MP4 configuration record (avcC, hvcC) or Annex B parameter sets (the SPS). The H.265 form
 * follows ISO/IEC 14496-15 annex E: profile space and profile, compatibility flags in reverse bit
 * order, tier and level, then the constraint bytes without trailing zero bytes. Also names the
 * MP4 sample entry Vigil writes for H.265 ({@code hev1}: parameter sets may also travel in the
 * stream, as cameras send them).
 */
public final class CodecString {

    /** H.264 baseline 3.0, what most cameras' sub-streams are, when the SPS cannot be read. */
    static final String AVC_FALLBACK = "avc1.42e01e";
    /** H.265 Main, level 3.1, when the SPS cannot be read. */
    static final String HEVC_FALLBACK = "hev1.1.6.L93.B0";

    /** The MP4 sample entry of H.265 pictures: {@code hev1}, as FFmpeg's codec tag (little-endian FourCC). */
    public static final int HEV1_TAG = 'h' | 'e' << 8 | 'v' << 16 | '1' << 24;

    private static final int HEVC_SPS = 33;
    private static final int AVC_SPS = 7;
    /** profile_tier_level's general part: profile space/tier/profile, 4 flag bytes, 6 constraint bytes, level. */
    private static final int PTL_BYTES = 12;

    private CodecString() {
    }

    /** The string for H.264 ({@code hevc} false) or H.265 pictures with this decoder configuration. */
    public static String of(boolean hevc, byte[] configuration) {
        return hevc ? hevc(configuration) : avc(configuration);
    }

    static String avc(byte[] extra) {
        if (extra.length >= 4 && extra[0] == 1) { // avcC
            return String.format("avc1.%02x%02x%02x", extra[1], extra[2], extra[3]);
        }
        for (int i = 0; i + 6 < extra.length; i++) { // Annex B: the SPS follows a start code
            if (startCode(extra, i) && (extra[i + 3] & 0x1f) == AVC_SPS) {
                return String.format("avc1.%02x%02x%02x", extra[i + 4], extra[i + 5], extra[i + 6]);
            }
        }
        return AVC_FALLBACK;
    }

    static String hevc(byte[] extra) {
        if (extra.length >= 1 + PTL_BYTES && extra[0] == 1) { // hvcC: the general profile_tier_level follows the version byte
            return hevc(extra, 1);
        }
        for (int i = 0; i + 4 < extra.length; i++) {
            if (startCode(extra, i) && ((extra[i + 3] >> 1) & 0x3f) == HEVC_SPS) {
                // the SPS: two header bytes, one of ids and sub-layer count, then profile_tier_level
                byte[] rbsp = unescape(extra, i + 3, Math.min(extra.length, i + 3 + 3 + PTL_BYTES + 8));
                if (rbsp.length >= 3 + PTL_BYTES) {
                    return hevc(rbsp, 3);
                }
            }
        }
        return HEVC_FALLBACK;
    }

    private static String hevc(byte[] ptl, int at) {
        int first = ptl[at] & 0xff;
        int space = first >> 6;
        boolean highTier = (first & 0x20) != 0;
        int profile = first & 0x1f;
        long flags = ((ptl[at + 1] & 0xffL) << 24) | ((ptl[at + 2] & 0xffL) << 16) | ((ptl[at + 3] & 0xffL) << 8) | (ptl[at + 4] & 0xffL);
        long reversed = Integer.toUnsignedLong(Integer.reverse((int) flags));
        StringBuilder s = new StringBuilder("hev1.");
        if (space > 0) {
            s.append((char) ('A' + space - 1));
        }
        s.append(profile).append('.').append(Long.toHexString(reversed).toUpperCase())
                .append('.').append(highTier ? 'H' : 'L').append(ptl[at + 11] & 0xff);
        int last = 5;
        while (last >= 0 && ptl[at + 5 + last] == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            s.append('.').append(Integer.toHexString(ptl[at + 5 + i] & 0xff).toUpperCase());
        }
        return s.toString();
    }

    private static boolean startCode(byte[] b, int i) {
        return b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1;
    }

    /** {@code b[from..to)} without emulation prevention bytes (the 3 of 00 00 03). */
    static byte[] unescape(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int v = b[i] & 0xff;
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            zeros = v == 0 ? zeros + 1 : 0;
            out.write(v);
        }
        return out.toByteArray();
    }
}
