package org.vigilvms.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The SPSs are the ones Debian's FFmpeg (libx264, libx265) wrote for test pictures of each size. */
class PictureSizeTest {

    private static final byte[] START = {0, 0, 0, 1};

    /** An access unit as cameras send it: start code, SPS, then another NAL unit (a PPS-like filler). */
    private static byte[] accessUnit(String spsHex, byte nextHeader) {
        byte[] sps = HexFormat.of().parseHex(spsHex);
        byte[] unit = new byte[START.length + sps.length + START.length + 3];
        System.arraycopy(START, 0, unit, 0, START.length);
        System.arraycopy(sps, 0, unit, START.length, sps.length);
        System.arraycopy(START, 0, unit, START.length + sps.length, START.length);
        unit[unit.length - 3] = nextHeader;
        unit[unit.length - 2] = (byte) 0xce;
        unit[unit.length - 1] = (byte) 0x80;
        return unit;
    }

    @ParameterizedTest(name = "H.264 {0}x{1}")
    @CsvSource({
        // high profile, 1088 lines cropped to 1080
        "1920, 1080, 67640028acd940780227e5c044000003000400000300c83c60c658",
        // 17 macroblock rows cropped by 2 lines
        "480, 270, 67640015acd941e08feb011000000300100000030320f162d960",
        "640, 360, 6764001eacd940a02ff97011000003000100000300320f162d96",
        // baseline: no chroma format in the SPS
        "320, 240, 6742c00dd90141fb011000000300100000030320f142a480",
        // interlaced (field pairs: map units of two macroblock rows)
        "720, 576, 6764001eacd940b424d8088000000300800000190f8a14cb",
    })
    void readsTheSizeOfAnH264Sps(int width, int height, String sps) {
        byte[] unit = accessUnit(sps, (byte) 0x68);
        assertEquals(new PictureSize(width, height), PictureSize.inAccessUnit(false, unit, unit.length));
    }

    @ParameterizedTest(name = "H.265 {0}x{1}")
    @CsvSource({
        "1920, 1080, 4201010408000003009e0800000300007890007810021cb2cacd24995e02dc080800100000030010000003019080",
        "480, 270, 4201010408000003009e0800000300003f9001e10088fbcb2b349265780b7020200040000003004000000642",
        "640, 360, 4201010408000003009e0800000300003f9000a0402d2cb2b349265780b7020200040000030004000003006420",
    })
    void readsTheSizeOfAnH265Sps(int width, int height, String sps) {
        byte[] unit = accessUnit(sps, (byte) 0x44);
        assertEquals(new PictureSize(width, height), PictureSize.inAccessUnit(true, unit, unit.length));
    }

    @Test
    void anAccessUnitWithoutAnSpsOrWithATruncatedOneHasNoSize() {
        byte[] slice = {0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x33};
        assertNull(PictureSize.inAccessUnit(false, slice, slice.length));
        byte[] cut = {0, 0, 0, 1, 0x67, 0x64, 0x00, 0x28};
        assertNull(PictureSize.inAccessUnit(false, cut, cut.length));
        // only the first length bytes count: the SPS of 640x360 lies beyond them
        byte[] unit = accessUnit("6764001eacd940a02ff97011000003000100000300320f162d96", (byte) 0x68);
        assertNull(PictureSize.inAccessUnit(false, unit, 6));
        // an H.265 SPS cut off after the first byte of its header, a start code right behind it: no size, rather
        // than an exception, which would end the camera's session
        byte[] stub = {0, 0, 0, 1, 0x42, 0, 0, 0, 1, 0x44, 0x01};
        assertNull(PictureSize.inAccessUnit(true, stub, stub.length));
    }
}
