package org.vigilvms.console;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Times as a person reads and types them in their zone: shown as {@code 2026-12-04 13:45:07};
 * typed as that (seconds optional, a {@code T} instead of the space too), or as an instant with its
 * offset ({@code 2026-12-04T08:00:00Z}, {@code ...+01:00}) whatever the zone. A local time the
 * zone skips (spring forward) moves on by the gap; one it repeats (fall back) is the earlier.
 */
final class ZonedTimes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private static final DateTimeFormatter TYPED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .toFormatter();

    private final ZoneId zone;

    ZonedTimes(ZoneId zone) {
        this.zone = zone;
    }

    String show(Instant instant) {
        return SHOWN.format(instant.atZone(zone));
    }

    /** The instant typed, or empty when it is not a time in either form. */
    Optional<Instant> read(String typed) {
        String text = typed.strip();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException e) {
            // not with an offset: a time of the person's zone, or nothing
        }
        try {
            return Optional.of(LocalDateTime.parse(text, TYPED).atZone(zone).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
