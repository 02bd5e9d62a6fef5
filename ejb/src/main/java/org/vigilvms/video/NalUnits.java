package org.vigilvms.video;

import java.util.ArrayList;
import java.util.List;

/**
 * The NAL units of an access unit in Annex B form, each behind a three- or four-byte start code,
 * found without decoding: where each begins (its NAL header) and ends (before the next start code,
 * or at the end of what was read). Emulation prevention keeps start codes out of a unit's
 * payload, so a zero pair is a boundary only when 1 (or 0 0 1) follows it.
 */
final class NalUnits {

    /**
     * One unit, {@code data[start]} to {@code data[end - 1]}; {@code followed}: another start code
     * comes after it (it is complete even when what was read is only the head of the access unit).
     */
    record Unit(int start, int end, boolean followed) {

        /** The unit's type: 5 bits of H.264's one-byte header, 6 of H.265's two-byte one. */
        int type(boolean hevc, byte[] data) {
            return hevc ? (data[start] >> 1) & 0x3f : data[start] & 0x1f;
        }
    }

    private NalUnits() {
    }

    /** The units among the first {@code length} bytes of {@code data}, in order; none without a start code. */
    static List<Unit> in(byte[] data, int length) {
        List<Unit> units = new ArrayList<>();
        int start = after(data, 0, length);
        while (start >= 0) {
            int end = boundary(data, start, length);
            int next = after(data, end, length);
            units.add(new Unit(start, end, next >= 0));
            start = next;
        }
        return units;
    }

    /** Where the unit after the first start code at or after {@code from} begins (one byte at least), or -1. */
    private static int after(byte[] data, int from, int length) {
        for (int i = from; i + 3 < length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    /** Where the unit beginning at {@code start} ends: at the next start code (its leading zero too), or at {@code length}. */
    private static int boundary(byte[] data, int start, int length) {
        for (int i = start; i + 2 < length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && (data[i + 2] == 1 || data[i + 2] == 0 && i + 3 < length && data[i + 3] == 1)) {
                return i;
            }
        }
        return length;
    }
}
