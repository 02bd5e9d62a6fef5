package org.vigilvms.camera;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recording timetable as a week of hours, for an editor where each hour of each day is ticked
 * or not: read from a timetable when its every boundary falls on a full hour, and written back as
 * the shortest timetable that says the same (days with the same hours joined into a range, such
 * as {@code MON-FRI 07:00-19:00}). Days are Monday (0) to Sunday (6), hours 0 to 23.
 */
public final class WeeklyHours {

    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private WeeklyHours() {
    }

    /** The hours a timetable records, or empty when one of its boundaries is not on a full hour (or it is invalid). */
    public static Optional<boolean[][]> of(String timetable) {
        if (timetable == null || timetable.isBlank()) {
            return Optional.of(new boolean[7][24]);
        }
        RecordingSchedule schedule;
        try {
            schedule = RecordingSchedule.parse(timetable, "UTC");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean[][] hours = new boolean[7][24];
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                boolean first = schedule.coversLocal(DayOfWeek.of(day + 1), hour * 60);
                for (int minute = hour * 60 + 1; minute < hour * 60 + 60; minute++) {
                    if (schedule.coversLocal(DayOfWeek.of(day + 1), minute) != first) {
                        return Optional.empty(); // a boundary inside the hour
                    }
                }
                hours[day][hour] = first;
            }
        }
        return Optional.of(hours);
    }

    /** The shortest timetable for these hours; null when no hour is ticked. */
    public static String timetable(boolean[][] hours) {
        List<String> runs = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            runs.add(String.join(",", runsOf(hours[day])));
        }
        List<String> entries = new ArrayList<>();
        for (int day = 0; day < 7; ) {
            int last = day;
            while (last + 1 < 7 && runs.get(last + 1).equals(runs.get(day))) {
                last++;
            }
            if (!runs.get(day).isEmpty()) {
                String days = day == last ? DAYS[day] : DAYS[day] + "-" + DAYS[last];
                for (String run : runs.get(day).split(",")) {
                    entries.add(days + " " + run);
                }
            }
            day = last + 1;
        }
        return entries.isEmpty() ? null : String.join(", ", entries);
    }

    private static List<String> runsOf(boolean[] day) {
        List<String> runs = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            if (day[hour]) {
                int end = hour;
                while (end < 24 && day[end]) {
                    end++;
                }
                runs.add(String.format("%02d:00-%02d:00", hour, end));
                hour = end;
            }
        }
        return runs;
    }
}
