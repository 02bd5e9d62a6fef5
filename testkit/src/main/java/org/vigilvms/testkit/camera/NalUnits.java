package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** H.264 Annex B byte stream helpers. */
public final class NalUnits {

    public static final int TYPE_IDR = 5;
    public static final int TYPE_SPS = 7;
    public static final int TYPE_PPS = 8;

    private NalUnits() {
    }

    /** Splits an Annex B stream at its start codes (00 00 01 or 00 00 00 01); start codes removed. */
    public static List<byte[]> split(byte[] annexB, int length) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < length) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                if (start >= 0) {
                    units.add(Arrays.copyOfRange(annexB, start, trimZeros(annexB, start, i)));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < length) {
            units.add(Arrays.copyOfRange(annexB, start, length));
        }
        return units;
    }

    /** End of a unit: a 4-byte start code leaves one zero byte behind the previous unit. */
    private static int trimZeros(byte[] data, int start, int end) {
        int e = end;
        while (e > start && data[e - 1] == 0) {
            e--;
        }
        return e;
    }

    public static int type(byte[] nal) {
        return nal[0] & 0x1f;
    }
}
