package org.vigilvms.preference;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * What one person chose for their console, as the pages use it.
 *
 * @param theme    dark or light
 * @param language {@code en} or {@code de}, or null for the language the browser asks for first
 * @param timeZone a region of the tz database, or null for UTC
 */
public record Preferences(UserPreference.Theme theme, String language, String timeZone) {

    /** Someone who chose nothing (or is not signed in): dark, the browser's language, UTC. */
    public static final Preferences NONE = new Preferences(UserPreference.Theme.DARK, null, null);

    /** The language chosen, if one was (else the browser's). */
    public Optional<Locale> locale() {
        return Optional.ofNullable(language).map(Locale::forLanguageTag);
    }

    /** Where times are shown and typed: the zone chosen, or UTC. */
    public ZoneId zone() {
        return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
    }
}
