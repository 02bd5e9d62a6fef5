package org.vigilvms.testkit.camera;

import java.util.List;

/**
 * One encoded access unit: the NAL units of one picture (without start codes), its frame counter
 * and capture time (also burned into the picture), and whether it starts a GOP.
 */
public record EncodedFrame(long frameCounter, long captureTimeMs, List<byte[]> nalUnits, boolean keyframe) {

    public int bytes() {
        int total = 0;
        for (byte[] nal : nalUnits) {
            total += nal.length;
        }
        return total;
    }
}
