package org.vigilvms.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnchoredHeadsTest {

    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    private static String head(String chain, long seq, String hash) {
        return "<85>1 2026-12-03T10:00:00Z vms-1 vigil - chain.head [vigil@32473 chain=\"" + chain + "\" seq=\"" + seq
                + "\" hash=\"" + hash + "\" signedAt=\"2026-12-03T10:00:00.123Z\" signature=\"MEUCIQ+/abc=\" signer=\"" + HASH_A
                + "\"] signed chain head";
    }

    @Test
    void keepsTheNewestHeadOfEachCameraWhateverTheOrderOfTheExport() {
        AnchoredHeads heads = AnchoredHeads.parse(List.of(
                head("camera:3", 41, HASH_A),
                "<85>1 2026-12-03T10:00:01Z vms-1 vigil - login [vigil@32473 seq=\"9\" actor=\"admin\" target=\"-\" outcome=\"SUCCESS\"] ok",
                head("camera:3", 57, HASH_B),
                head("camera:3", 50, HASH_A),
                head("camera:12", 5, HASH_A),
                head("audit", 900, HASH_B)));
        assertEquals(new AnchoredHeads.Head("camera:3", 57, HASH_B, "2026-12-03T10:00:00.123Z", "MEUCIQ+/abc="), heads.camera(3).orElseThrow());
        assertEquals(5, heads.camera(12).orElseThrow().seq());
        assertTrue(heads.camera(4).isEmpty());
        assertEquals(3, heads.chains(), "camera 3, camera 12 and the audit chain");
    }

    @Test
    void skipsLinesThatOnlyLookLikeHeads() {
        AnchoredHeads heads = AnchoredHeads.parse(List.of(
                head("camera:3", 41, "not-hex"),
                head("camera:x", 41, HASH_A),
                "<85>1 2026-12-03T10:00:01Z vms-1 vigil - login [vigil@32473 seq=\"9\" actor=\"chain.head [vigil@32473 chain=\\\"camera:3\\\"\"] x"));
        assertEquals(0, heads.chains());
    }
}
