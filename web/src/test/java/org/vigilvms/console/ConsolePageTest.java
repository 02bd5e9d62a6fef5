package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The console's page map: which page a view is, where it sits in the breadcrumbs, where a theme choice returns to. */
class ConsolePageTest {

    @Test
    void pagesReachedFromACameraSitUnderLiveAndEveryMenuPageUnderSystem() {
        assertEquals(List.of("System", "Live", "Camera"), crumbs("/camera.xhtml"));
        assertEquals(List.of("System", "Live", "Playback"), crumbs("/playback.xhtml"));
        assertEquals(List.of("System", "Users and rights"), crumbs("/directory.xhtml"));
        assertEquals(List.of("System", "Alarm rules"), crumbs("/alarm-rules.xhtml"));
        assertEquals(List.of("System"), crumbs("/index.xhtml"));
        assertEquals(List.of(), crumbs("/login.xhtml"), "the pages before the console have none");
        assertEquals(List.of("index.xhtml", "live.xhtml", "alarms.xhtml", "events.xhtml", "exports.xhtml", "cameras.xhtml",
                "alarm-rules.xhtml", "storage.xhtml", "devices.xhtml", "directory.xhtml", "audit.xhtml"), List.of(ConsolePage.values()).stream().filter(ConsolePage::inMenu)
                .map(ConsolePage::file).toList());
    }

    @Test
    void everyPageIsNamedInEnglishAndInGermanAndEveryTextHasItsGerman() throws Exception {
        for (ConsolePage page : ConsolePage.values()) {
            assertFalse(page.label(Locale.ENGLISH).isBlank(), page.name());
            assertFalse(page.label(Locale.GERMAN).isBlank(), page.name());
        }
        assertEquals("Benutzer und Rechte", ConsolePage.DIRECTORY.label(Locale.GERMAN));
        assertEquals("Users and rights", ConsolePage.DIRECTORY.label(Locale.forLanguageTag("fr")), "English where there is no French");
        Properties english = bundle("messages.properties");
        Properties german = bundle("messages_de.properties");
        assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(german.stringPropertyNames()),
                "the German bundle has exactly the English keys");
    }

    private static Properties bundle(String name) throws Exception {
        Properties texts = new Properties();
        try (Reader in = new InputStreamReader(ConsolePage.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        return texts;
    }

    private static List<String> crumbs(String view) {
        return ConsolePage.ofView(view).map(ConsolePage::trail).orElse(List.of()).stream().map(page -> page.label(Locale.ENGLISH)).toList();
    }
}
