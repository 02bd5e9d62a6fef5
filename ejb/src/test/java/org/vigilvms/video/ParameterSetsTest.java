package org.vigilvms.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ParameterSetsTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The 480x270 SPS Debian's libx264 wrote (as in PictureSizeTest), a PPS, and the start of an IDR slice. */
    private static final String SPS = "67640015acd941e08feb011000000300100000030320f162d960";
    private static final String PPS = "68ebe3cb22c0";
    private static final String SLICE = "65888400337ffe";

    /** NAL units behind start codes: four-byte ones, except a three-byte one before {@code threeByteBefore}. */
    private static byte[] unit(int threeByteBefore, String... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nals.length; i++) {
            out.writeBytes(i == threeByteBefore ? new byte[] {0, 0, 1} : new byte[] {0, 0, 0, 1});
            out.writeBytes(HEX.parseHex(nals[i]));
        }
        return out.toByteArray();
    }

    @Test
    void anH264KeyPictureGivesItsSpsAndPpsBehindStartCodesAndNothingElse() {
        // an access unit delimiter first, the PPS behind a three-byte start code, then the slice
        byte[] access = unit(2, "0910", SPS, PPS, SLICE);
        byte[] sets = ParameterSets.inAccessUnit(false, access, access.length, true);
        assertEquals("00000001" + SPS + "00000001" + PPS, HEX.formatHex(sets));
        // as extradata, they give the size the pictures have
        assertEquals(new PictureSize(480, 270), PictureSize.inAccessUnit(false, sets, sets.length));
    }

    @Test
    void anH265KeyPictureGivesItsVpsSpsAndPps() {
        String vps = "40010c01ffff016000000300b0000003000003005d95";
        String sps = "4201010408000003009e0800000300003f9001e10088fbcb2b349265780b7020200040000003004000000642";
        String pps = "4401c172b46240";
        byte[] access = unit(-1, vps, sps, pps, "26018af0");
        assertArrayEquals(unit(-1, vps, sps, pps), ParameterSets.inAccessUnit(true, access, access.length, true));
    }

    @Test
    void aKeyPictureWithoutBothSetsOrWithThePpsCutOffGivesNone() {
        byte[] noPps = unit(-1, SPS, SLICE);
        assertNull(ParameterSets.inAccessUnit(false, noPps, noPps.length, true));
        byte[] noSps = unit(-1, PPS, SLICE);
        assertNull(ParameterSets.inAccessUnit(false, noSps, noSps.length, true));
        // only the head of a large picture was read, and it ends inside the PPS: that PPS may be incomplete
        byte[] access = unit(-1, SPS, PPS, SLICE);
        int head = 4 + SPS.length() / 2 + 4 + 3;
        assertNull(ParameterSets.inAccessUnit(false, access, head, false));
        // the same bytes as a whole (tiny) picture: its last unit is complete
        byte[] setsOnly = unit(-1, SPS, PPS);
        assertArrayEquals(setsOnly, ParameterSets.inAccessUnit(false, setsOnly, setsOnly.length, true));
    }
}
