package org.vigilvms.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FourEyesTest {

    @AfterEach
    void clear() {
        System.clearProperty(FourEyes.PROPERTY);
    }

    @Test
    void theSettingNamesActionsOrAllAndDefaultsToNone() {
        FourEyes fourEyes = new FourEyes();
        assertFalse(fourEyes.required(FourEyes.EVIDENCE_RELEASE), "off by default");
        System.setProperty(FourEyes.PROPERTY, " rights.change , Recording.Delete");
        assertTrue(fourEyes.required(FourEyes.RIGHTS_CHANGE));
        assertTrue(fourEyes.required(FourEyes.RECORDING_DELETE), "case and spaces do not matter");
        assertFalse(fourEyes.required(FourEyes.EVIDENCE_RELEASE));
        System.setProperty(FourEyes.PROPERTY, "all");
        assertTrue(fourEyes.required(FourEyes.EVIDENCE_RELEASE));
    }

    @Test
    void aPayloadSurvivesTheRoundTripAndLeavesOutAbsentValues() {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("op", "grant");
        payload.put("subject", "lobby watch");
        payload.put("camera", null);
        payload.put("from", "2026-11-26T10:00:00Z");
        String encoded = FourEyes.encode(payload);
        assertEquals("op=grant;subject=lobby watch;from=2026-11-26T10:00:00Z", encoded);
        Map<String, String> decoded = FourEyes.decode(encoded);
        assertEquals("lobby watch", decoded.get("subject"));
        assertEquals("2026-11-26T10:00:00Z", decoded.get("from"));
        assertFalse(decoded.containsKey("camera"));
    }
}
