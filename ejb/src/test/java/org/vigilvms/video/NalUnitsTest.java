package org.vigilvms.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NalUnitsTest {

    private static final HexFormat HEX = HexFormat.of();

    private static List<NalUnits.Unit> units(String hex) {
        byte[] data = HEX.parseHex(hex);
        return NalUnits.in(data, data.length);
    }

    @Test
    void unitsBehindFourAndThreeByteStartCodesEndWhereTheNextStartCodeBegins() {
        // AUD behind 00 00 00 01, an SPS-like unit behind 00 00 01, a slice running to the end
        assertEquals(List.of(new NalUnits.Unit(4, 6, true), new NalUnits.Unit(9, 12, true), new NalUnits.Unit(16, 19, false)),
                units("00000001" + "0910" + "000001" + "67aabb" + "00000001" + "658884"));
    }

    @Test
    void emulationPreventionAndTrailingZerosAreNotBoundaries() {
        // 00 00 03 01 inside the payload is escaped data, not a start code
        assertEquals(List.of(new NalUnits.Unit(4, 10, false)), units("00000001" + "67000003017f"));
        // a zero pair followed by neither 1 nor 0 1 stays in the unit
        assertEquals(List.of(new NalUnits.Unit(3, 8, false)), units("000001" + "6500000205"));
    }

    @Test
    void whatHoldsNoStartCodeOrOnlyOneWithNothingAfterItHasNoUnit() {
        assertEquals(List.of(), units("6764001e"));
        assertEquals(List.of(), units("00000001"));
        assertEquals(List.of(), units(""));
    }

    @Test
    void onlyTheBytesReadCount() {
        byte[] data = HEX.parseHex("00000001" + "0910" + "00000001" + "67aabbcc");
        // the second unit is cut off after two of its bytes: it ends at what was read, not followed
        assertEquals(List.of(new NalUnits.Unit(4, 6, true), new NalUnits.Unit(10, 12, false)), NalUnits.in(data, 12));
    }

    @Test
    void theTypeIsReadFromTheHeaderOfEitherCodec() {
        byte[] data = HEX.parseHex("00000001" + "4201");
        NalUnits.Unit unit = NalUnits.in(data, data.length).get(0);
        assertEquals(33, unit.type(true, data), "H.265 SPS");
        assertEquals(2, unit.type(false, data), "the same byte as H.264: a slice data partition");
    }
}
