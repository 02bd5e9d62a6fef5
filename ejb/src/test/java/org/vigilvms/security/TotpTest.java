package org.vigilvms.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectors() {
        // RFC 6238 appendix B, SHA-1, last six of the eight digits
        assertEquals("287082", Totp.code(RFC_SECRET, Totp.step(59_000)));
        assertEquals("081804", Totp.code(RFC_SECRET, Totp.step(1_111_111_109_000L)));
        assertEquals("005924", Totp.code(RFC_SECRET, Totp.step(1_234_567_890_000L)));
    }

    @Test
    void acceptsTheNeighbouringStepsOnlyAndRoundTripsBase32() {
        long now = 1_234_567_890_000L;
        long step = Totp.step(now);
        assertEquals(step, Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now));
        assertEquals(step - 1, Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now));
        assertEquals(-1, Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now));
        assertEquals(-1, Totp.matchingStep(RFC_SECRET, "12ab56", now));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(RFC_SECRET));
        assertArrayEquals(RFC_SECRET, Totp.fromBase32(Totp.base32(RFC_SECRET)));
    }
}
