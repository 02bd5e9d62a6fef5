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

    @Test
    void aThemeChoiceReturnsOnlyToAConsolePageOfThisOrigin() {
        assertEquals("/live.xhtml?layout=1", ThemeServlet.backTo("/live.xhtml?layout=1"));
        assertEquals("/account/totp.xhtml", ThemeServlet.backTo("/account/totp.xhtml"));
        assertEquals("/playback.xhtml?camera=3&at=2026-12-04T10:00:00Z", ThemeServlet.backTo("/playback.xhtml?camera=3&at=2026-12-04T10:00:00Z"));
        for (String elsewhere : new String[] {"//evil.example/x.xhtml", "https://evil.example/live.xhtml", "/../x.xhtml",
                "/live.xhtml\r\nSet-Cookie: a=b", "/live.xhtml?x=<script>", "/api/v1/cameras", "", null}) {
            assertEquals("/index.xhtml", ThemeServlet.backTo(elsewhere), String.valueOf(elsewhere));
        }
    }

    private static List<String> crumbs(String view) {
        return ConsolePage.ofView(view).map(ConsolePage::trail).orElse(List.of()).stream().map(ConsolePage::label).toList();
    }
}
