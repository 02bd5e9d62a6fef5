package org.vigilvms.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FreeTextTest {

    @Test
    void ordinaryTextInAnyScriptWithLineBreaksIsAccepted() {
        assertNull(FreeText.problem("reason", "Theft at gate 3, case 2026-118\n\tsee the report: 5 € — Ärger 😀 שלום"));
        assertNull(FreeText.problem("reason", null));
    }

    @Test
    void controlCharactersAndBidiOverridesAreNamed() {
        assertEquals("reason contains a control character (U+0000)", FreeText.problem("reason", "a\u0000b"));
        assertEquals("reason contains a control character (U+001B)", FreeText.problem("reason", "\u001b[2J"));
        assertEquals("reason contains a control character (U+0085)", FreeText.problem("reason", "x\u0085"));
        assertEquals("case contains a bidirectional override (U+202E)", FreeText.problem("case", "abc\u202Efdp.exe"));
        assertEquals("reason contains a bidirectional override (U+2066)", FreeText.problem("reason", "\u2066x\u2069"));
        assertEquals("reason contains a broken character", FreeText.problem("reason", "x\uD800y"));
        assertEquals("reason contains a broken character", FreeText.problem("reason", "x\uDC00"));
    }
}
