package org.vigilvms.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReturnPageTest {

    @Test
    void aConsolePageOfThisApplicationWithItsQueryIsKept() {
        assertEquals("/live.xhtml?layout=1", ReturnPage.of("/live.xhtml?layout=1"));
        assertEquals("/audit.xhtml", ReturnPage.of("/audit.xhtml"));
        assertEquals("/playback.xhtml?camera=3&at=2026-12-04T10:00:00Z", ReturnPage.of("/playback.xhtml?camera=3&at=2026-12-04T10:00:00Z"));
    }

    @Test
    void anythingElseLeadsHome() {
        for (String elsewhere : new String[] {"//evil.example/x.xhtml", "https://evil.example/live.xhtml", "/../x.xhtml",
                "/live.xhtml\r\nSet-Cookie: a=b", "/live.xhtml?x=<script>", "/api/v1/cameras", "/", "", null,
                "/login.xhtml", "/login-error.xhtml?reason=invalid", "/account/password.xhtml", "/account/totp.xhtml"}) {
            assertEquals("/index.xhtml", ReturnPage.of(elsewhere), String.valueOf(elsewhere));
        }
    }
}
