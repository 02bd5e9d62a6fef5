package org.vigilvms.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigilvms.platform.InvalidRequestException;

class PreferenceRulesTest {

    @Test
    void aLanguageOfTheConsoleInAnyCaseOrNoneForTheBrowsers() {
        assertEquals("de", PreferenceRules.language(" DE "));
        assertEquals("en", PreferenceRules.language("en"));
        assertNull(PreferenceRules.language(""));
        assertNull(PreferenceRules.language(null));
    }

    @Test
    void aLanguageTheConsoleIsNotWrittenInIsRefusedNamingTheOnesItIs() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> PreferenceRules.language("fr"));
        assertEquals("the console speaks de and en, not 'fr'", refused.getMessage());
        assertThrows(InvalidRequestException.class, () -> PreferenceRules.language("de-DE"));
    }

    @Test
    void aRegionOfTheTimeZoneDatabaseAsSpeltThereOrNoneForUtc() {
        assertEquals("Asia/Kathmandu", PreferenceRules.timeZone(" Asia/Kathmandu"));
        assertEquals("UTC", PreferenceRules.timeZone("UTC"));
        assertNull(PreferenceRules.timeZone(" "));
    }

    @Test
    void anUnknownMisspeltOrOverlongZoneIsRefusedAndTheAnswerStaysOneShortLine() {
        assertEquals("unknown time zone 'Mars/Olympus': name a region such as Europe/Berlin",
                assertThrows(InvalidRequestException.class, () -> PreferenceRules.timeZone("Mars/Olympus")).getMessage());
        assertThrows(InvalidRequestException.class, () -> PreferenceRules.timeZone("europe/berlin"));
        assertThrows(InvalidRequestException.class, () -> PreferenceRules.timeZone("+02:00"));
        String refused = assertThrows(InvalidRequestException.class,
                () -> PreferenceRules.timeZone("Europe/" + "x".repeat(5000) + "\n")).getMessage();
        assertEquals("unknown time zone 'Europe/" + "x".repeat(57) + "...': name a region such as Europe/Berlin", refused);
    }

    @Test
    void nothingChosenMeansTheBrowsersLanguageAndUtc() {
        assertEquals(Optional.empty(), Preferences.NONE.locale());
        assertEquals(ZoneOffset.UTC, Preferences.NONE.zone());
        Preferences chosen = new Preferences(UserPreference.Theme.LIGHT, "de", "Asia/Kathmandu");
        assertEquals(Optional.of(Locale.GERMAN), chosen.locale());
        assertEquals(ZoneId.of("Asia/Kathmandu"), chosen.zone());
    }
}
