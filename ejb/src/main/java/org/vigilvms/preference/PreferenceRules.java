package org.vigilvms.preference;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.vigilvms.platform.InvalidRequestException;

/** What a person may choose as language and time zone, typed however; null means "none chosen". */
public final class PreferenceRules {

    /** The languages the console is written in. */
    public static final Set<String> LANGUAGES = Set.of("en", "de");

    private static final int LONGEST_ZONE = 64;

    private PreferenceRules() {
    }

    /** {@code en} or {@code de} (any case), or null for blank: the browser's language. */
    public static String language(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String language = typed.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new InvalidRequestException("the console speaks " + String.join(" and ", LANGUAGES.stream().sorted().toList())
                    + ", not '" + shortened(typed) + "'");
        }
        return language;
    }

    /** A region of the tz database exactly as it is spelt there (Europe/Berlin, UTC), or null for blank: UTC. */
    public static String timeZone(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String zone = typed.strip();
        if (zone.length() > LONGEST_ZONE || !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new InvalidRequestException("unknown time zone '" + shortened(zone) + "': name a region such as Europe/Berlin");
        }
        return zone;
    }

    private static String shortened(String typed) {
        String line = typed.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= LONGEST_ZONE ? line : line.substring(0, LONGEST_ZONE) + "...";
    }
}
