package org.vigilvms.testkit.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FrameStampTest {

    @Test
    void roundTripsThroughALumaPlane() {
        FrameStamp stamp = new FrameStamp(42, 123_456_789L, 1_764_150_000_123L, -750, 300, 1000);
        int width = 640;
        byte[] luma = new byte[width * 360];
        stamp.draw(luma, width, width);
        assertEquals(stamp, FrameStamp.read(luma, width, width));
    }

    @Test
    void aDamagedStampReadsAsNone() {
        FrameStamp stamp = new FrameStamp(1, 7, 1000, 0, 0, 0);
        int width = 640;
        byte[] luma = new byte[width * 360];
        stamp.draw(luma, width, width);
        int block = width / 80;
        for (int row = 0; row < block; row++) {
            for (int col = 40 * block; col < 41 * block; col++) {
                luma[row * width + col] = (byte) (luma[row * width + col] == 16 ? 235 : 16); // flip one bit
            }
        }
        assertNull(FrameStamp.read(luma, width, width));
    }

    @Test
    void survivesH264Compression() {
        SyntheticScene scene = new SyntheticScene(640, 360);
        try (H264Encoder encoder = new H264Encoder(640, 360, 25, 800_000, 25)) {
            FrameStamp stamp = new FrameStamp(3, 99, 1_764_150_000_000L, 10, -20, 500);
            assertEquals(false, encoder.encode(scene.render(stamp, false), true).isEmpty());
            assertEquals(7, NalUnits.type(encoder.sps()));
            assertEquals(8, NalUnits.type(encoder.pps()));
        }
    }
}
