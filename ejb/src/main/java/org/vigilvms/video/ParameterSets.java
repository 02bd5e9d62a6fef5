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
        for (NalUnits.Unit unit : NalUnits.in(data, length)) {
            int type = unit.type(hevc, data);
            if ((hevc ? HEVC_SETS : AVC_SETS).contains(type) && (unit.followed() || whole)) {
                sets.writeBytes(START_CODE);
                sets.write(data, unit.start(), unit.end() - unit.start());
                sps |= type == (hevc ? 33 : 7);
                pps |= type == (hevc ? 34 : 8);
            }
        }
        return sps && pps ? sets.toByteArray() : null;
    }
}
