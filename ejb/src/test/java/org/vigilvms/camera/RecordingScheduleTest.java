package org.vigilvms.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingScheduleTest {

    // 2026-11-23 is a Monday
    private static Instant utc(String local) {
        return Instant.parse(local + "Z");
    }

    @Test
    void weekdaysAndSaturdayMorningInTheCamerasZone() {
        RecordingSchedule schedule = RecordingSchedule.parse("MON-FRI 07:00-19:00, sat 09:00-13:00", "Europe/Zurich");
        assertTrue(schedule.covers(utc("2026-11-23T06:00:00")), "Monday 07:00 in Zurich");
        assertFalse(schedule.covers(utc("2026-11-23T05:59:00")), "Monday 06:59 in Zurich");
        assertFalse(schedule.covers(utc("2026-11-27T18:00:00")), "Friday 19:00 in Zurich: the end is excluded");
        assertTrue(schedule.covers(utc("2026-11-28T08:30:00")), "Saturday 09:30");
        assertFalse(schedule.covers(utc("2026-11-29T10:00:00")), "Sunday");
    }

    @Test
    void nightShiftsRunPastMidnightAndRangesWrapTheWeek() {
        RecordingSchedule nights = RecordingSchedule.parse("FRI-MON 22:00-06:00", "UTC");
        assertTrue(nights.covers(utc("2026-11-27T23:00:00")), "Friday night");
        assertTrue(nights.covers(utc("2026-11-24T05:00:00")), "early Tuesday, the Monday night shift");
        assertFalse(nights.covers(utc("2026-11-25T05:00:00")), "early Wednesday: Tuesday has no shift");
        assertTrue(RecordingSchedule.parse("MON-SUN 00:00-24:00", "UTC").covers(utc("2026-11-26T23:59:59")));
    }

    @Test
    void badTimetablesAreRefusedWithTheReason() {
        assertEquals("\"MONDAY 07:00-19:00\" is not DAYS HH:MM-HH:MM (days MON..SUN, e.g. MON-FRI 07:00-19:00)",
                assertThrows(IllegalArgumentException.class, () -> RecordingSchedule.parse("MONDAY 07:00-19:00", "UTC")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordingSchedule.parse("MON 25:00-26:00", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> RecordingSchedule.parse("MON 07:00-07:00", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> RecordingSchedule.parse("MON 07:00-08:00", "Mars/Olympus"));
        assertThrows(IllegalArgumentException.class, () -> RecordingSchedule.parse("", "UTC"));
    }
}
