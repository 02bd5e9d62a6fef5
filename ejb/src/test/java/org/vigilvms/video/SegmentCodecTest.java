package org.vigilvms.video;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which segments a browser without H.265 needs transcoded, read from their sample entries. */
class SegmentCodecTest {

    @Test
    void anHevcSampleEntryUnderTheTrackIsH265() {
        assertTrue(SegmentCodec.hevc(segment("hev1")));
        assertTrue(SegmentCodec.hevc(segment("hvc1")));
    }

    @Test
    void h264SoundOnlyAndNotMp4AreNot() {
        assertFalse(SegmentCodec.hevc(segment("avc1")));
        assertFalse(SegmentCodec.hevc(segment("mp4a")));
        assertFalse(SegmentCodec.hevc(new byte[0]));
        assertFalse(SegmentCodec.hevc("hev1 in the middle of something that is no MP4".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theNameOutsideTheSampleDescriptionDoesNotCount() {
        // an H.264 segment whose picture data happens to contain the bytes "hev1"
        byte[] h264 = segment("avc1");
        byte[] withData = concat(h264, box("mdat", "....hev1....".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(SegmentCodec.hevc(withData));
    }

    @Test
    void aTruncatedBoxEndsTheWalk() {
        byte[] whole = segment("hev1");
        byte[] cut = Arrays.copyOf(whole, whole.length - 20);
        assertFalse(SegmentCodec.hevc(cut));
    }

    private static byte[] segment(String entry) {
        byte[] sampleEntry = box(entry, new byte[78]);
        byte[] stsd = box("stsd", concat(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, sampleEntry));
        byte[] trak = box("trak", box("tkhd", new byte[84]), box("mdia", box("mdhd", new byte[24]), box("minf", box("stbl", stsd))));
        return concat(box("ftyp", "isom\0\0\2\0".getBytes(StandardCharsets.ISO_8859_1)), box("moov", box("mvhd", new byte[100]), trak));
    }

    private static byte[] box(String type, byte[]... content) {
        byte[] body = concat(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = body.length + 8;
        out.write(size >>> 24);
        out.write(size >>> 16);
        out.write(size >>> 8);
        out.write(size);
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
