package org.vigilvms.console;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** The time zones a zone field suggests: tz regions (and UTC) whose name contains what was typed, any case. */
final class ZoneChoices {

    private static final int SUGGESTIONS = 20;

    private ZoneChoices() {
    }

    static List<String> matching(String typed) {
        String wanted = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || z.equals("UTC"))
                .filter(z -> z.toLowerCase(Locale.ROOT).contains(wanted)).sorted().limit(SUGGESTIONS).toList();
    }
}
