package org.vigilvms.camera;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly timetable for scheduled recording: comma-separated entries "DAYS HH:MM-HH:MM", DAYS
 * one day (MON) or a range (MON-FRI, FRI-MON wraps), the end 24:00 for midnight, e.g.
 * {@code "MON-FRI 07:00-19:00, SAT 09:00-13:00"}, read in the camera's time zone. An end before
 * the start runs past midnight into the next day.
 */
public final class RecordingSchedule {

    private record Entry(Set<DayOfWeek> days, int fromMinute, int toMinute) {
    }

    private static final Pattern ENTRY = Pattern.compile(
            "(MON|TUE|WED|THU|FRI|SAT|SUN)(?:-(MON|TUE|WED|THU|FRI|SAT|SUN))?\\s+(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final List<Entry> entries;
    private final ZoneId zone;

    private RecordingSchedule(List<Entry> entries, ZoneId zone) {
        this.entries = entries;
        this.zone = zone;
    }

    /** Parses a timetable; the message of the exception says what is wrong, for the administrator. */
    public static RecordingSchedule parse(String text, String timeZone) {
        if (text == null || text.isBlank() || text.length() > 512) {
            throw new IllegalArgumentException("a schedule like \"MON-FRI 07:00-19:00, SAT 09:00-13:00\" is required (512 characters at most)");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + timeZone + " (use e.g. Europe/Zurich or UTC)");
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : text.toUpperCase(Locale.ROOT).split(",")) {
            Matcher m = ENTRY.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("\"" + part.trim() + "\" is not DAYS HH:MM-HH:MM (days MON..SUN, e.g. MON-FRI 07:00-19:00)");
            }
            int first = DAYS.indexOf(m.group(1));
            int last = m.group(2) == null ? first : DAYS.indexOf(m.group(2));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (int d = first; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == last) {
                    break;
                }
            }
            int from = minute(m.group(3), m.group(4), false);
            int to = minute(m.group(5), m.group(6), true);
            if (from == to) {
                throw new IllegalArgumentException("\"" + part.trim() + "\" is empty (start equals end)");
            }
            entries.add(new Entry(days, from, to));
        }
        return new RecordingSchedule(List.copyOf(entries), zone);
    }

    private static int minute(String hh, String mm, boolean end) {
        int h = Integer.parseInt(hh);
        int m = Integer.parseInt(mm);
        if (m > 59 || h > 24 || h == 24 && (m != 0 || !end)) {
            throw new IllegalArgumentException(hh + ":" + mm + " is not a time of day (00:00-23:59, or 24:00 as an end)");
        }
        return h * 60 + m;
    }

    /** Whether the timetable wants recording at {@code instant}. */
    public boolean covers(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return coversLocal(local.getDayOfWeek(), local.getHour() * 60 + local.getMinute());
    }

    /** Whether the timetable wants recording on {@code day} at {@code minute} of that day (its own clock, 0..1439). */
    public boolean coversLocal(DayOfWeek day, int minute) {
        for (Entry e : entries) {
            if (e.fromMinute() < e.toMinute()) {
                if (e.days().contains(day) && minute >= e.fromMinute() && minute < e.toMinute()) {
                    return true;
                }
            } else if (e.days().contains(day) && minute >= e.fromMinute()
                    || e.days().contains(day.minus(1)) && minute < e.toMinute()) {
                return true; // runs past midnight
            }
        }
        return false;
    }

    /** The timetable's local time of day at {@code instant}, for messages. */
    LocalTime localTime(Instant instant) {
        return instant.atZone(zone).toLocalTime();
    }
}
