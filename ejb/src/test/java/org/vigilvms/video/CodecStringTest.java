package org.vigilvms.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Codec strings as browsers take them (MediaSource.isTypeSupported refuses a wrong one). */
class CodecStringTest {

    @Test
    void h264IsReadFromTheAvcConfigurationOrTheSps() {
        assertEquals("avc1.64001f", CodecString.of(false, new byte[] {1, 0x64, 0x00, 0x1f, (byte) 0xff}), "avcC");
        assertEquals("avc1.42c01e", CodecString.of(false, new byte[] {0, 0, 0, 1, 0x67, 0x42, (byte) 0xc0, 0x1e, 0x10}), "Annex B");
        assertEquals(CodecString.AVC_FALLBACK, CodecString.of(false, new byte[0]));
    }

    @Test
    void h265MainFromTheHevcConfigurationRecord() {
        // hvcC of x265's Main profile, level 3.0: version 1, Main (1), compatibility Main and Main 10, progressive + frame-only
        byte[] hvcc = {1, 0x01, 0x60, 0, 0, 0, (byte) 0x90, 0, 0, 0, 0, 0, 90, (byte) 0xf0, 0, (byte) 0xfc};
        assertEquals("hev1.1.6.L90.90", CodecString.of(true, hvcc));
    }

    @Test
    void h265HighTierMain10WithAllConstraintBytes() {
        byte[] hvcc = {1, 0x22, 0x20, 0, 0, 0, (byte) 0xb0, 1, 2, 3, 4, 5, (byte) 153, 0};
        assertEquals("hev1.2.4.H153.B0.1.2.3.4.5", CodecString.of(true, hvcc));
    }

    @Test
    void h265FromAnAnnexBSpsWhoseZerosCarryEmulationPrevention() {
        // VPS first, then the SPS: header 42 01, byte 01, then profile_tier_level with 00 00 03 inserted in the zeros
        byte[] annexB = {0, 0, 0, 1, 0x40, 0x01, 0x0c, 0x01, 0, 0, 0, 1, 0x42, 0x01, 0x01, 0x01, 0x60, 0x00, 0x00, 0x03, 0x00,
            (byte) 0x90, 0x00, 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 93, (byte) 0xa0};
        assertEquals("hev1.1.6.L93.90", CodecString.of(true, annexB));
    }

    @Test
    void h265WithoutAReadableSpsFallsBackToMainProfile() {
        assertEquals(CodecString.HEVC_FALLBACK, CodecString.of(true, new byte[] {0, 0, 1, 0x42, 0x01}));
        assertEquals(CodecString.HEVC_FALLBACK, CodecString.of(true, new byte[0]));
    }
}
