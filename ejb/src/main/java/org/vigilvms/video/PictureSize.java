package org.vigilvms.video;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * A stream's picture size as its sequence parameter set (SPS) says it, read without decoding:
 * H.264 (ITU-T H.264 7.3.2.1.1: macroblocks, field coding, frame cropping) or H.265 (ITU-T H.265
 * 7.3.2.2: luma samples less the conformance window). A camera that is reconfigured while it
 * streams sends a new SPS in the stream before its next key picture; comparing that SPS's size
 * with the size the recording began with tells the change.
 */
public record PictureSize(int width, int height) {

    private static final int AVC_SPS = 7;
    private static final int HEVC_SPS = 33;
    /** H.264 profiles whose SPS carries chroma format, bit depths and scaling matrices. */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

    @Override
    public String toString() {
        return width + "x" + height;
    }

    /**
     * The size in the first SPS of an access unit in Annex B form (start codes), or null when it
     * carries none or the SPS cannot be read.
     */
    public static PictureSize inAccessUnit(boolean hevc, byte[] data, int length) {
        for (NalUnits.Unit unit : NalUnits.in(data, length)) {
            if (unit.type(hevc, data) == (hevc ? HEVC_SPS : AVC_SPS)) {
                // an H.265 unit cut off after its first byte has an empty payload, as a truncated SPS does
                byte[] rbsp = unescape(data, Math.min(unit.start() + (hevc ? 2 : 1), unit.end()), unit.end());
                try {
                    return hevc ? hevc(rbsp) : avc(rbsp);
                } catch (IndexOutOfBoundsException e) {
                    return null; // a truncated SPS: no size
                }
            }
        }
        return null;
    }

    /** An H.264 SPS's size, from its payload after the NAL header (emulation prevention removed). */
    static PictureSize avc(byte[] rbsp) {
        Bits bits = new Bits(rbsp);
        int profile = bits.u(8);
        bits.u(16); // constraint flags and level
        bits.ue(); // seq_parameter_set_id
        int chroma = 1;
        boolean separatePlanes = false;
        if (HIGH_PROFILES.contains(profile)) {
            chroma = bits.ue();
            if (chroma == 3) {
                separatePlanes = bits.u(1) == 1;
            }
            bits.ue(); // bit depths
            bits.ue();
            bits.u(1); // transform bypass
            if (bits.u(1) == 1) { // scaling matrices
                for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                    if (bits.u(1) == 1) {
                        skipScalingList(bits, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        bits.ue(); // log2_max_frame_num_minus4
        int pocType = bits.ue();
        if (pocType == 0) {
            bits.ue();
        } else if (pocType == 1) {
            bits.u(1);
            bits.se();
            bits.se();
            int cycle = bits.ue();
            for (int i = 0; i < cycle; i++) {
                bits.se();
            }
        }
        bits.ue(); // max_num_ref_frames
        bits.u(1); // gaps allowed
        int widthMbs = bits.ue() + 1;
        int heightUnits = bits.ue() + 1;
        int frameMbsOnly = bits.u(1);
        if (frameMbsOnly == 0) {
            bits.u(1); // mb_adaptive_frame_field
        }
        bits.u(1); // direct_8x8_inference
        int width = widthMbs * 16;
        int height = (2 - frameMbsOnly) * heightUnits * 16;
        if (bits.u(1) == 1) { // frame cropping, in chroma units
            int left = bits.ue();
            int right = bits.ue();
            int top = bits.ue();
            int bottom = bits.ue();
            int arrayType = separatePlanes ? 0 : chroma;
            int cropX = arrayType == 0 ? 1 : arrayType == 3 ? 1 : 2;
            int cropY = (arrayType == 0 || arrayType != 1 ? 1 : 2) * (2 - frameMbsOnly);
            width -= cropX * (left + right);
            height -= cropY * (top + bottom);
        }
        return new PictureSize(width, height);
    }

    /** An H.265 SPS's size, from its payload after the two-byte NAL header (emulation prevention removed). */
    static PictureSize hevc(byte[] rbsp) {
        Bits bits = new Bits(rbsp);
        bits.u(4); // sps_video_parameter_set_id
        int subLayers = bits.u(3); // max_sub_layers_minus1
        bits.u(1);
        bits.u(8); // general profile space, tier, profile
        bits.u(32); // compatibility flags
        bits.u(32); // constraint flags (48 bits)
        bits.u(16);
        bits.u(8); // general level
        boolean[] profilePresent = new boolean[subLayers];
        boolean[] levelPresent = new boolean[subLayers];
        for (int i = 0; i < subLayers; i++) {
            profilePresent[i] = bits.u(1) == 1;
            levelPresent[i] = bits.u(1) == 1;
        }
        if (subLayers > 0) {
            for (int i = subLayers; i < 8; i++) {
                bits.u(2);
            }
        }
        for (int i = 0; i < subLayers; i++) {
            if (profilePresent[i]) {
                bits.u(32);
                bits.u(32);
                bits.u(24); // 88 bits
            }
            if (levelPresent[i]) {
                bits.u(8);
            }
        }
        bits.ue(); // sps_seq_parameter_set_id
        int chroma = bits.ue();
        boolean separatePlanes = chroma == 3 && bits.u(1) == 1;
        int width = bits.ue();
        int height = bits.ue();
        if (bits.u(1) == 1) { // conformance window, in chroma units
            int arrayType = separatePlanes ? 0 : chroma;
            int subWidth = arrayType == 1 || arrayType == 2 ? 2 : 1;
            int subHeight = arrayType == 1 ? 2 : 1;
            int left = bits.ue();
            int right = bits.ue();
            int top = bits.ue();
            int bottom = bits.ue();
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }
        return new PictureSize(width, height);
    }

    private static void skipScalingList(Bits bits, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + bits.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** The bytes from {@code from} to {@code to} without emulation prevention (00 00 03 becomes 00 00). */
    private static byte[] unescape(byte[] data, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int zeros = 0;
        for (int i = from; i < to; i++) {
            if (zeros >= 2 && data[i] == 3) {
                zeros = 0;
                continue;
            }
            zeros = data[i] == 0 ? zeros + 1 : 0;
            out.write(data[i]);
        }
        return out.toByteArray();
    }

    /** A reader of bits, most significant first, with Exp-Golomb codes. */
    private static final class Bits {
        private final byte[] data;
        private int position;

        Bits(byte[] data) {
            this.data = data;
        }

        int u(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                if (position >> 3 >= data.length) {
                    throw new IndexOutOfBoundsException("the SPS ends early");
                }
                value = value << 1 | (data[position >> 3] >> (7 - (position & 7))) & 1;
                position++;
            }
            return value;
        }

        int ue() {
            int zeros = 0;
            while (u(1) == 0) {
                if (++zeros > 31) {
                    throw new IndexOutOfBoundsException("not an Exp-Golomb code");
                }
            }
            return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : u(zeros) & 0xffffffffL));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
