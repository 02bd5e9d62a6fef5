package org.vigilvms.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest {

    @Test
    void aTimetableOnFullHoursBecomesTicksAndComesBackTheSame() {
        String timetable = "MON-FRI 07:00-19:00, SAT 09:00-13:00";
        boolean[][] hours = WeeklyHours.of(timetable).orElseThrow();
        assertTrue(hours[0][7]);
        assertTrue(hours[4][18]);
        assertFalse(hours[4][19]);
        assertFalse(hours[0][6]);
        assertTrue(hours[5][12]);
        assertFalse(hours[6][12]);
        assertEquals(timetable, WeeklyHours.timetable(hours));
    }

    @Test
    void daysWithTheSameHoursAreJoinedAndANightRunsToMidnightAndOnFromIt() {
        boolean[][] hours = WeeklyHours.of("FRI 22:00-02:00").orElseThrow();
        assertTrue(hours[4][23]);
        assertTrue(hours[5][0]);
        assertTrue(hours[5][1]);
        assertFalse(hours[5][2]);
        assertEquals("FRI 22:00-24:00, SAT 00:00-02:00", WeeklyHours.timetable(hours));

        boolean[][] split = new boolean[7][24];
        for (int day : new int[] {0, 1, 2, 4}) { // Thursday differs, so two ranges around it
            split[day][8] = split[day][9] = split[day][13] = true;
        }
        assertEquals("MON-WED 08:00-10:00, MON-WED 13:00-14:00, FRI 08:00-10:00, FRI 13:00-14:00", WeeklyHours.timetable(split));
        // the timetable written is one the schedule reads back to the same hours
        assertArrayEquals(split, WeeklyHours.of(WeeklyHours.timetable(split)).orElseThrow());
    }

    @Test
    void minutesOrAnUnreadableTimetableAreNotHoursAndNothingTickedIsNoTimetable() {
        assertTrue(WeeklyHours.of("MON 07:30-19:00").isEmpty());
        assertTrue(WeeklyHours.of("weekdays").isEmpty());
        assertArrayEquals(new boolean[7][24], WeeklyHours.of("").orElseThrow());
        assertNull(WeeklyHours.timetable(new boolean[7][24]));
        boolean[][] always = new boolean[7][24];
        for (boolean[] day : always) {
            Arrays.fill(day, true);
        }
        assertEquals("MON-SUN 00:00-24:00", WeeklyHours.timetable(always));
    }
}
