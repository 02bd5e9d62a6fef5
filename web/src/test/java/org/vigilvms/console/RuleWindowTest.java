package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleWindowTest {

    @Test
    void clockTimesAreMinutesOfTheDayUpToItsEnd() {
        assertEquals(Optional.of(0), RuleWindow.minute("00:00"));
        assertEquals(Optional.of(450), RuleWindow.minute(" 7:30 "));
        assertEquals(Optional.of(1440), RuleWindow.minute("24:00"));
        assertEquals("07:30", RuleWindow.clock(450));
        assertEquals("24:00", RuleWindow.clock(1440));
    }

    @Test
    void whatIsNoClockTimeNamesNoMinute() {
        for (String typed : new String[] {null, "", "7", "7:5", "07:60", "24:01", "25:00", "07.30", "-1:00", "07:30pm"}) {
            assertEquals(Optional.empty(), RuleWindow.minute(typed), String.valueOf(typed));
        }
    }

    @Test
    void daysAreStoredAsIsoDigitsInWeekOrder() {
        assertEquals("157", RuleWindow.digits(List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
        assertEquals("", RuleWindow.digits(List.of()));
        assertEquals(List.of(DayOfWeek.TUESDAY, DayOfWeek.SATURDAY), RuleWindow.days("62"));
    }

    @Test
    void runsOfThreeDaysOrMoreReadAsRangesInTheReadersLanguage() {
        assertEquals("Mon–Fri", RuleWindow.describe("12345", Locale.ENGLISH));
        assertEquals("Mon–Sun", RuleWindow.describe("1234567", Locale.ENGLISH));
        assertEquals("Mon, Tue, Thu–Sat", RuleWindow.describe("12456", Locale.ENGLISH));
        assertEquals("Sat, Sun", RuleWindow.describe("67", Locale.ENGLISH));
        assertEquals("Mo.–Fr., So.", RuleWindow.describe("123457", Locale.GERMAN));
    }
}
