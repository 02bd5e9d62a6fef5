package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The duration each live picture is written with, before the next one is there to tell. */
class PictureStepsTest {

    private static final long AT_25_FPS = 3600; // 1/90000 s

    @Test
    void theFirstPictureLastsOneNominalStepThenEachTheStepsSeen() {
        PictureSteps steps = new PictureSteps(AT_25_FPS);
        assertEquals(AT_25_FPS, steps.after(0));
        assertEquals(3000, steps.after(3000), "a camera at 30 fps whatever its stream said");
        assertEquals(3000, steps.after(6000));
    }

    @Test
    void afterAPictureLostTheLongerStepCountsUntilItIsNoLongerRecent() {
        PictureSteps steps = new PictureSteps(AT_25_FPS);
        long dts = 0;
        steps.after(dts);
        steps.after(dts += AT_25_FPS);
        assertEquals(2 * AT_25_FPS, steps.after(dts += 2 * AT_25_FPS), "a picture lost: the next lasts as long as the gap");
        for (int i = 1; i < PictureSteps.KEPT; i++) {
            assertEquals(2 * AT_25_FPS, steps.after(dts += AT_25_FPS), "still among the recent steps after " + i);
        }
        assertEquals(AT_25_FPS, steps.after(dts + AT_25_FPS), "the gap is no longer recent");
    }

    @Test
    void aPictureAtTheSameTimeOrEarlierAddsNoStep() {
        PictureSteps steps = new PictureSteps(AT_25_FPS);
        steps.after(10_000);
        assertEquals(AT_25_FPS, steps.after(10_000));
        assertEquals(AT_25_FPS, steps.after(9_000));
        assertEquals(1800, steps.after(10_800));
    }

    @Test
    void aStreamWithoutAFrameRateStillGetsALengthOfAtLeastOneTick() {
        assertEquals(1, new PictureSteps(0).after(5));
    }
}
