package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sound taken out of recorded segments: what is left is a valid fragmented MP4 whose pictures are
 * the very packets of the original, and no sound remains in it, not even as bytes in its media
 * data. Segments are made here by FFmpeg with the recorder's fragment options.
 */
class SoundlessSegmentTest {

    @Test
    void theSoundTrackAndEverySoundByteAreGoneAndThePicturesAreTheSamePackets() throws Exception {
        byte[] recorded = TestSegments.recorded(true);
        assertEquals(1, TestSegments.audioChannels(recorded), "the original has sound");

        byte[] soundless = SoundlessSegment.of(recorded);

        assertEquals(0, TestSegments.audioChannels(soundless), "no sound track left");
        assertEquals(base64(bytes(recorded, AVMEDIA_TYPE_VIDEO)), base64(bytes(soundless, AVMEDIA_TYPE_VIDEO)),
                "the same picture packets, in order");
        assertEquals(TestSegments.FRAMES, bytes(soundless, AVMEDIA_TYPE_VIDEO).size());
        assertFalse(contains(soundless, "mp4a"), "no sound sample description");
        assertFalse(contains(soundless, "soun"), "no sound handler");
        assertTrue(soundless.length < recorded.length - soundBytes(recorded) + 1024,
                soundless.length + " bytes left of " + recorded.length + ", of which " + soundBytes(recorded) + " were sound");
        for (byte[] packet : bytes(recorded, AVMEDIA_TYPE_AUDIO)) {
            if (packet.length >= 16) {
                assertFalse(indexOf(soundless, packet) >= 0, "a sound packet's bytes remain");
            }
        }
    }

    @Test
    void aSegmentWithoutSoundIsServedAsItIs() throws Exception {
        byte[] pictures = TestSegments.recorded(false);
        assertSame(pictures, SoundlessSegment.of(pictures));
    }

    @Test
    void bytesThatAreNotAWholeSegmentAreRefusedSayingWhere() throws Exception {
        byte[] recorded = TestSegments.recorded(true);
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> SoundlessSegment.of(Arrays.copyOf(recorded, lastIndexOf(recorded, "mdat") + 100)));
        assertTrue(truncated.getMessage().startsWith("box mdat at "), truncated.getMessage());
        IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class,
                () -> SoundlessSegment.of(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}));
        assertEquals("no movie header (moov)", noHeader.getMessage());
        byte[] lying = recorded.clone();
        int moof = indexOf(lying, "moof".getBytes(StandardCharsets.US_ASCII)) - 4;
        int trun = indexOf(Arrays.copyOfRange(lying, moof, lying.length), "trun".getBytes(StandardCharsets.US_ASCII)) + moof - 4;
        ByteBuffer.wrap(lying).putInt(trun + 16, 1 << 30); // the first run's data offset, far past the end
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> SoundlessSegment.of(lying));
        assertEquals("a run's samples lie outside its media data (trun at " + trun + ")", outside.getMessage());
    }

    private static List<byte[]> bytes(byte[] mp4, int mediaType) throws Exception {
        return TestSegments.packets(mp4, mediaType).stream().map(TestSegments.Packet::bytes).toList();
    }

    private static List<String> base64(List<byte[]> packets) {
        return packets.stream().map(p -> Base64.getEncoder().encodeToString(p)).toList();
    }

    private static long soundBytes(byte[] mp4) throws Exception {
        return bytes(mp4, AVMEDIA_TYPE_AUDIO).stream().mapToLong(p -> p.length).sum();
    }

    private static boolean contains(byte[] file, String text) {
        return indexOf(file, text.getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    private static int lastIndexOf(byte[] file, String type) {
        byte[] part = type.getBytes(StandardCharsets.US_ASCII);
        for (int at = file.length - part.length; at >= 0; at--) {
            if (Arrays.equals(file, at, at + part.length, part, 0, part.length)) {
                return at;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] file, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= file.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (file[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
