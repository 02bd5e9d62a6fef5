package org.vigilvms.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigilvms.jms.analytics.Region;

class MaskAreaTest {

    @Test
    void aRegionCoversEveryPixelItTouchesAtAnyResolution() {
        Region door = new Region("door", 0.1, 0.2, 0.3, 0.25);

        assertEquals(List.of(new MaskArea.Box(64, 72, 256, 162)), MaskArea.of(List.of(door), 640, 360));
        // 0.1 x 333 = 33.3, 0.4 x 333 = 133.2, 0.2 x 199 = 39.8: pixels 33, 133 and row 39 are partly covered, so wholly masked
        assertEquals(List.of(new MaskArea.Box(33, 39, 134, 90)), MaskArea.of(List.of(door), 333, 199));
    }

    @Test
    void aRegionAtTheEdgeEndsAtThePictureAndOneTooThinForAPixelStillCoversOne() {
        Region right = new Region("right", 0.9, 0.0, 0.1, 1.0);
        Region hair = new Region("hair", 0.5, 0.5, 0.0001, 0.0001);

        assertEquals(List.of(new MaskArea.Box(576, 0, 640, 360), new MaskArea.Box(320, 180, 321, 181)),
                MaskArea.of(List.of(right, hair), 640, 360));
    }

    @Test
    void aPictureWithoutPixelsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MaskArea.of(List.of(), 0, 360));
        assertEquals("a picture of 0x360 has no pixels", refused.getMessage());
    }
}
