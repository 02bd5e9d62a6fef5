package org.vigilvms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's page map: which page a view is, where it sits in the breadcrumbs, where a theme choice returns to. */
class ConsolePageTest {

    @Test
    void pagesReachedFromACameraSitUnderLiveAndEveryMenuPageUnderSystem() {
        assertEquals(List.of("System", "Live", "Camera"), crumbs("/camera.xhtml"));
        assertEquals(List.of("System", "Live", "Playback"), crumbs("/playback.xhtml"));
        assertEquals(List.of("System", "Users and rights"), crumbs("/directory.xhtml"));
        assertEquals(List.of("System"), crumbs("/index.xhtml"));
        assertEquals(List.of(), crumbs("/login.xhtml"), "the pages before the console have none");
        assertEquals(List.of("index.xhtml", "live.xhtml", "alarms.xhtml", "events.xhtml", "exports.xhtml", "cameras.xhtml", "storage.xhtml",
                "devices.xhtml", "directory.xhtml", "audit.xhtml"), List.of(ConsolePage.values()).stream().filter(ConsolePage::inMenu)
                .map(ConsolePage::file).toList());
    }

    private static List<String> crumbs(String view) {
        return ConsolePage.ofView(view).map(ConsolePage::trail).orElse(List.of()).stream().map(ConsolePage::label).toList();
    }
}
