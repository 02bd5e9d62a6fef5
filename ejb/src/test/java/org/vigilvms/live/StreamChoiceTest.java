package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamChoiceTest {

    @Test
    void aTileNoWiderThanTheSubStreamGetsIt() {
        assertTrue(StreamChoice.sub(480, 1920, 640), "a 4x4 grid tile on a full-HD screen");
        assertTrue(StreamChoice.sub(640, 1920, 640), "exactly as wide");
        assertTrue(StreamChoice.sub(300, 0, 640), "main stream's width not known yet");
    }

    @Test
    void aTileWiderThanTheSubStreamGetsTheMainStream() {
        assertFalse(StreamChoice.sub(641, 1920, 640));
        assertFalse(StreamChoice.sub(960, 1920, 640), "a 2x2 grid tile");
    }

    @Test
    void withoutATileWidthOrARunningSubStreamTheMainStreamIsSent() {
        assertFalse(StreamChoice.sub(0, 1920, 640), "a page that shows the camera alone gives no width");
        assertFalse(StreamChoice.sub(300, 1920, 0), "the sub-stream is not running");
    }

    @Test
    void aSubStreamNoSmallerThanTheMainStreamIsNotUsed() {
        assertFalse(StreamChoice.sub(300, 640, 640));
        assertFalse(StreamChoice.sub(300, 640, 1280));
    }
}
