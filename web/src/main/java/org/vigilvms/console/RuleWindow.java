package org.vigilvms.console;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an alarm rule is armed, as its page reads and writes it: the days of week the service
 * stores as ISO digits ("12345"), shown as ranges in the reader's language ("Mon–Fri, Sun"); the
 * window's minutes of the day as clock times ("07:30", "24:00" for the end of the day).
 */
final class RuleWindow {

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private RuleWindow() {
    }

    /** The minute of the day a clock time names (0 .. 1440), or empty where it names none. */
    static Optional<Integer> minute(String clock) {
        Matcher m = CLOCK.matcher(clock == null ? "" : clock.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        int minute = hours * 60 + minutes;
        return minutes < 60 && minute <= 1440 ? Optional.of(minute) : Optional.empty();
    }

    /** A minute of the day as a clock time: 450 is "07:30", 1440 "24:00". */
    static String clock(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    /** ISO digits of the days chosen ("135"), in week order whatever the order given. */
    static String digits(List<DayOfWeek> days) {
        StringBuilder digits = new StringBuilder();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (days.contains(day)) {
                digits.append(day.getValue());
            }
        }
        return digits.toString();
    }

    /** The days ISO digits name. */
    static List<DayOfWeek> days(String digits) {
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (digits.indexOf('0' + day.getValue()) >= 0) {
                days.add(day);
            }
        }
        return days;
    }

    /** The days as a reader says them: runs of three or more as a range ("Mon–Fri"), others one by one. */
    static String describe(String digits, Locale language) {
        List<DayOfWeek> days = days(digits);
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int end = i;
            while (end + 1 < days.size() && days.get(end + 1).getValue() == days.get(end).getValue() + 1) {
                end++;
            }
            if (end - i >= 2) {
                parts.add(name(days.get(i), language) + "–" + name(days.get(end), language));
            } else {
                for (int d = i; d <= end; d++) {
                    parts.add(name(days.get(d), language));
                }
            }
            i = end + 1;
        }
        return String.join(", ", parts);
    }

    private static String name(DayOfWeek day, Locale language) {
        return day.getDisplayName(TextStyle.SHORT, language);
    }
}
