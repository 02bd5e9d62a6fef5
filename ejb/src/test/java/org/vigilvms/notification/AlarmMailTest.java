package org.vigilvms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmMailTest {

    private static final Instant EVENT = Instant.parse("2026-12-03T17:00:00Z");
    private static final Instant RAISED = Instant.parse("2026-12-03T17:00:01Z");

    @Test
    void theSubjectNamesAlarmPriorityRuleAndCamera() {
        AlarmMail mail = AlarmMail.of(42, "Gate after hours", 4, "MOTION", 7, "North gate", EVENT, RAISED);
        assertEquals("[Vigil] alarm 42, priority 4: Gate after hours on North gate (camera 7)", mail.subject());
        assertTrue(mail.body().contains("Event:  MOTION\nCamera: North gate (camera 7)\nAt:     2026-12-03T17:00:00Z\n"),
                mail.body());
    }

    @Test
    void typedNamesCannotAddAHeaderOrALine() {
        AlarmMail mail = AlarmMail.of(1, "rule\r\nBcc: spy@evil.example", 3, "MOTION", 2, "cam\nX-Evil: 1", EVENT, RAISED);
        assertEquals("[Vigil] alarm 1, priority 3: rule  Bcc: spy@evil.example on cam X-Evil: 1 (camera 2)", mail.subject());
        assertTrue(mail.body().startsWith("Alarm 1 was raised by the rule \"rule  Bcc: spy@evil.example\" (priority 3).\n\n"),
                mail.body());
    }

    @Test
    void aLongSubjectIsCutAndACameraWithoutNameIsItsNumber() {
        AlarmMail mail = AlarmMail.of(5, "r".repeat(300), 2, "TAMPER", 9, null, EVENT, RAISED);
        assertEquals(200, mail.subject().length());
        assertTrue(mail.subject().endsWith("..."));
        assertTrue(mail.body().contains("Camera: camera 9\n"), mail.body());
    }
}
