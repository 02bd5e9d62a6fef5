package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.jms.analytics.Region;

/**
 * Privacy masks burned into a stored segment: inside the mask every picture is black, outside it
 * every picture is what was recorded, no picture is lost or moved, key pictures stay where they
 * were, and the sound goes along untouched or not at all.
 */
class MaskedVideoTest {

    /** Pixels 80..159 x 60..119 of the 320x240 test pictures; the moving square crosses it. */
    private static final Region DOOR = new Region("door", 0.25, 0.25, 0.25, 0.25);
    private static final MaskArea.Box DOOR_BOX = new MaskArea.Box(80, 60, 160, 120);
    /** Compression blurs a few pixels next to an edge; outside that margin pictures must match. */
    private static final int MARGIN = 8;

    @TempDir
    Path work;

    @Test
    void insideTheMaskEveryPictureIsBlackAndOutsideItEveryPictureIsAsRecorded() throws Exception {
        byte[] recorded = TestSegments.recorded(false);
        assertEquals(List.of(DOOR_BOX), MaskArea.of(List.of(DOOR), TestSegments.WIDTH, TestSegments.HEIGHT));

        byte[] masked = MaskedVideo.of(recorded, List.of(DOOR), false, work);

        List<BufferedImage> before = TestSegments.pictures(recorded);
        List<BufferedImage> after = TestSegments.pictures(masked);
        assertEquals(TestSegments.FRAMES, after.size(), "every picture is there");
        int comparedOutside = 0;
        for (int f = 0; f < after.size(); f++) {
            for (int y = 0; y < TestSegments.HEIGHT; y += 2) {
                for (int x = 0; x < TestSegments.WIDTH; x += 2) {
                    int shown = after.get(f).getRGB(x, y);
                    if (DOOR_BOX.covers(x, y)) {
                        assertTrue(brightest(shown) < 40, "picture " + f + " shows " + Integer.toHexString(shown)
                                + " at " + x + "," + y + " inside the mask");
                    } else if (!nearMask(x, y)) {
                        int original = before.get(f).getRGB(x, y);
                        assertTrue(distance(shown, original) < 48, "picture " + f + " at " + x + "," + y + ": "
                                + Integer.toHexString(shown) + " where " + Integer.toHexString(original) + " was recorded");
                        comparedOutside++;
                    }
                }
            }
        }
        assertTrue(comparedOutside > TestSegments.FRAMES * 15_000, comparedOutside + " pixels compared outside the mask");
        // the recorded pictures had the blue square inside the door: the mask hid something
        assertTrue(before.stream().anyMatch(p -> (p.getRGB(100, 110) & 0xff) > 200 && ((p.getRGB(100, 110) >> 16) & 0xff) < 80),
                "the square crosses the door in the recording");
    }

    @Test
    void noPictureIsLostOrMovedAndKeyPicturesStayWhereTheyWere() throws Exception {
        byte[] recorded = TestSegments.recorded(false);

        byte[] masked = MaskedVideo.of(recorded, List.of(DOOR), false, work);

        List<TestSegments.Packet> before = TestSegments.packets(recorded, AVMEDIA_TYPE_VIDEO);
        List<TestSegments.Packet> after = TestSegments.packets(masked, AVMEDIA_TYPE_VIDEO);
        assertEquals(before.stream().map(TestSegments.Packet::pts).sorted().toList(),
                after.stream().map(TestSegments.Packet::pts).sorted().toList(), "the same presentation times");
        assertEquals(before.stream().filter(TestSegments.Packet::key).map(TestSegments.Packet::pts).toList(),
                after.stream().filter(TestSegments.Packet::key).map(TestSegments.Packet::pts).toList(), "key pictures");
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "no work file is left behind");
        }
    }

    @Test
    void theSoundGoesAlongAsRecordedOrNotAtAll() throws Exception {
        byte[] recorded = TestSegments.recorded(true);
        List<TestSegments.Packet> sound = TestSegments.packets(recorded, AVMEDIA_TYPE_AUDIO);

        byte[] withSound = MaskedVideo.of(recorded, List.of(DOOR), true, work);
        byte[] pictures = MaskedVideo.of(recorded, List.of(DOOR), false, work);

        List<TestSegments.Packet> copied = TestSegments.packets(withSound, AVMEDIA_TYPE_AUDIO);
        assertEquals(sound.size(), copied.size(), "every sound packet");
        for (int i = 0; i < sound.size(); i++) {
            assertArrayEquals(sound.get(i).bytes(), copied.get(i).bytes(), "sound packet " + i + " as recorded");
        }
        assertEquals(0, TestSegments.audioChannels(pictures), "no sound track");
        assertEquals(TestSegments.FRAMES, TestSegments.packets(pictures, AVMEDIA_TYPE_VIDEO).size());
    }

    @Test
    void bytesThatAreNoVideoAreRefusedAndLeaveNothingBehind() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> MaskedVideo.of(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}, List.of(DOOR), false, work));

        assertTrue(refused.getMessage().startsWith("cannot read the segment"), refused.getMessage());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private static boolean nearMask(int x, int y) {
        return x >= DOOR_BOX.left() - MARGIN && x < DOOR_BOX.right() + MARGIN
                && y >= DOOR_BOX.top() - MARGIN && y < DOOR_BOX.bottom() + MARGIN;
    }

    private static int brightest(int rgb) {
        return Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
    }

    private static int distance(int a, int b) {
        return Math.max(Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)),
                Math.max(Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
    }
}
