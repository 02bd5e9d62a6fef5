package org.vigilvms.video;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * The parameter sets at the head of a key picture's access unit (Annex B form), as a decoder's
 * or a muxer's extradata: H.264's SPS and PPS, H.265's VPS, SPS and PPS, each behind a four-byte
 * start code, in the order the camera sent them. A camera whose SDP still describes the pictures
 * it sent before it was reconfigured is recorded with the sets its stream carries instead.
 */
public final class ParameterSets {

    private static final Set<Integer> AVC_SETS = Set.of(7, 8);
    private static final Set<Integer> HEVC_SETS = Set.of(32, 33, 34);
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private ParameterSets() {
    }

    /**
     * The parameter-set NAL units among the first {@code length} bytes of {@code data}, or null
     * when they hold no SPS or no PPS complete (a unit running to {@code length} may be cut off and
     * counts only when {@code length} is the whole access unit, {@code whole}).
     */
    public static byte[] inAccessUnit(boolean hevc, byte[] data, int length, boolean whole) {
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        boolean sps = false;
        boolean pps = false;
        int i = nextUnit(data, 0, length);
        while (i >= 0) {
            int end = endOfUnit(data, i, length);
            int next = nextUnit(data, end, length);
            int type = hevc ? (data[i] >> 1) & 0x3f : data[i] & 0x1f;
            boolean complete = next >= 0 || whole;
            if ((hevc ? HEVC_SETS : AVC_SETS).contains(type) && complete) {
                sets.writeBytes(START_CODE);
                sets.write(data, i, end - i);
                sps |= type == (hevc ? 33 : 7);
                pps |= type == (hevc ? 34 : 8);
            }
            i = next;
        }
        return sps && pps ? sets.toByteArray() : null;
    }

    /** Where the NAL unit after the start code at or after {@code from} begins, or -1. */
    private static int nextUnit(byte[] data, int from, int length) {
        for (int i = from; i + 3 < length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    /** Where the unit beginning at {@code start} ends: at the next start code (its leading zero too), or at {@code length}. */
    private static int endOfUnit(byte[] data, int start, int length) {
        for (int i = start; i + 2 < length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && (data[i + 2] == 1 || data[i + 2] == 0 && i + 3 < length && data[i + 3] == 1)) {
                return i;
            }
        }
        return length;
    }
}
