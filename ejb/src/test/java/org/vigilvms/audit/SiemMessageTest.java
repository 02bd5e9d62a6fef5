package org.vigilvms.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SiemMessageTest {

    @Test
    void aFrameCountsTheMessagesBytesNotItsCharacters() {
        String message = "<85>1 2026-12-03T10:00:00Z vms vigil - login [vigil@32473 seq=\"1\"] Zoë";
        String frame = SiemMessage.frame(message);
        assertEquals(message.getBytes(StandardCharsets.UTF_8).length + " " + message, frame);
        assertEquals(message.length() + 1, Integer.parseInt(frame.substring(0, frame.indexOf(' '))), "ë takes two bytes");
    }

    @Test
    void aChainHeadCarriesWhatAnAuditorComparesWith() {
        byte[] hash = new byte[32];
        hash[0] = (byte) 0xab;
        String message = SiemMessage.chainHead("camera:7", 42, hash, Instant.parse("2026-12-03T10:00:00.125Z"), new byte[] {1, 2, 3},
                new byte[32], "vms-1");
        assertEquals("<85>1 2026-12-03T10:00:00.125Z vms-1 vigil - chain.head [vigil@32473 chain=\"camera:7\" seq=\"42\" hash=\"ab"
                + "0".repeat(62) + "\" signedAt=\"2026-12-03T10:00:00.125Z\" signature=\"AQID\" signer=\"" + "0".repeat(64)
                + "\"] signed chain head", message);
    }

    @Test
    void freeTextCannotStartAnotherMessageOrCloseTheStructuredData() {
        AuditEvent event = new AuditEvent(Instant.parse("2026-12-03T10:00:00Z"), "eve\"] [x", "login", "a\nb",
                AuditEvent.Outcome.FAILURE, "bad\n<85>1 forged");
        String message = SiemMessage.auditEvent(event, "vms-1");
        assertFalse(message.contains("\n"), message);
        assertEquals("<84>1 2026-12-03T10:00:00Z vms-1 vigil - login [vigil@32473 seq=\"null\" actor=\"eve\\\"\\] [x\" target=\"a b\" "
                + "outcome=\"FAILURE\"] bad <85>1 forged", message);
    }
}
