package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.addDisabledCamera;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.testkit.oidc.OpenIdProvider;

/**
 * Issue #21 item 5: single sign-on through a real OpenID provider (Keycloak, started by the test
 * environment). A user of the provider signs in from the console's sign-in page and gets exactly
 * the rights Vigil grants the group their ID token names; a provider user named like the local
 * administrator is refused (and audited), so the provider can never sign anyone in as a
 * break-glass account; a forged ticket signs no one in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleSignOnIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void aProviderUserSeesOnlyTheCamerasGrantedToTheGroupInTheirToken() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        VigilTestEnvironment.openIdProvider();
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long granted = addDisabledCamera(admin, "sso north gate");
        long other = addDisabledCamera(admin, "sso south gate");
        assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"GROUP\",\"subject\":\"north-operators\","
                + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + granted + "}").statusCode());
        assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"GROUP\",\"subject\":\"south-operators\","
                + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + other + "}").statusCode());

        try (Browser browser = Browser.start(1280, 800)) {
            signInThroughProvider(browser, VigilTestEnvironment.SSO_OPERATOR);
            awaitPage(browser, VigilDeployment.BASE + "/index.xhtml");

            JsonArray cameras = fetchJson(browser, "/api/v1/cameras").asJsonArray();
            Set<Long> ids = new HashSet<>();
            cameras.forEach(c -> ids.add(c.asJsonObject().getJsonNumber("id").longValue()));
            assertEquals(Set.of(granted), ids, "only the camera granted to north-operators: " + cameras);
            JsonArray mine = fetchJson(browser, "/api/v1/access/me").asJsonArray();
            assertEquals(1, mine.size(), mine.toString());
            assertEquals("VIEW_LIVE", mine.getJsonObject(0).getString("right"));
            assertTrue(mine.getJsonObject(0).getString("source").contains("group north-operators"), mine.toString());
        }
        assertEquals(List.of("sso.admitted SUCCESS", "login SUCCESS"),
                auditOf(VigilTestEnvironment.SSO_OPERATOR.name(), "sso.admitted", "login"));
    }

    @Test
    void aProviderUserNamedLikeTheLocalAdministratorIsRefused() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        VigilTestEnvironment.openIdProvider();
        try (Browser browser = Browser.start(1280, 800)) {
            signInThroughProvider(browser, VigilTestEnvironment.SSO_IMPOSTOR);
            awaitPage(browser, VigilDeployment.BASE + "/login-error.xhtml?reason=sso");
            String shown = browser.waiting(Duration.ofSeconds(15)).until(d -> d.findElements(By.id("login-failed")).stream()
                    .map(e -> e.getText()).findFirst().orElse(null));
            assertTrue(shown.startsWith("Single sign-on refused: the sign-in of your organisation does not give access"), shown);
            browser.driver.get(VigilDeployment.BASE + "/index.xhtml");
            browser.waiting(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("signin")).isEmpty()); // not signed in
        }
        List<String> refusals = details("admin", "sso.refused");
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith("a local account has this name"), refusals.get(0));
    }

    @Test
    void aForgedTicketSignsNoOneIn() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpResponse<String> answer = VigilDeployment.https().send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/login/sso"))
                .header("Cookie", "vigil-sso-ticket=" + "A".repeat(43)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode());
        assertEquals(VigilDeployment.BASE + "/login-error.xhtml?reason=sso", answer.headers().firstValue("Location").orElse(""));
        assertTrue(answer.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID")),
                "no session: " + answer.headers().allValues("Set-Cookie"));
        assertTrue(details("?", "sso.refused").contains("an unknown, expired or used ticket (from 127.0.0.1)"));
    }

    /** From the console's sign-in page to the provider's form and back, as a person would. */
    private static void signInThroughProvider(Browser browser, OpenIdProvider.User user) {
        browser.driver.get(VigilDeployment.BASE + "/login.xhtml");
        browser.leaveBy(By.id("sso"));
        browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(
                VigilTestEnvironment.openIdProvider().issuer()) && !d.findElements(By.id("kc-login")).isEmpty());
        browser.driver.findElement(By.id("username")).sendKeys(user.name());
        browser.driver.findElement(By.id("password")).sendKeys(user.password());
        browser.driver.findElement(By.id("kc-login")).click();
    }

    /** Waits for the browser to land on {@code url}; a timeout names where it is instead and what it shows. */
    private static void awaitPage(Browser browser, String url) {
        browser.waiting(Duration.ofSeconds(30))
                .withMessage(() -> "still at " + browser.driver.getCurrentUrl() + ": "
                        + browser.driver.findElement(By.tagName("body")).getText() + "\n" + browser.driver.getPageSource())
                .until(d -> d.getCurrentUrl().equals(url));
    }

    private static JsonValue fetchJson(Browser browser, String path) {
        Object body = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.ok ? r.text() : 'HTTP ' + r.status).then(done);", path);
        String text = String.valueOf(body);
        if (text.startsWith("HTTP ")) {
            throw new AssertionError(path + ": " + text);
        }
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static List<String> auditOf(String actor, String... actions) throws Exception {
        try (Connection db = VigilDeployment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT action, outcome FROM audit_event WHERE actor = ? AND action = ANY (?) ORDER BY id")) {
            query.setString(1, actor);
            query.setArray(2, db.createArrayOf("varchar", actions));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return rows;
        }
    }

    private static List<String> details(String actor, String action) throws Exception {
        try (Connection db = VigilDeployment.database();
             PreparedStatement query = db.prepareStatement("SELECT detail FROM audit_event WHERE actor = ? AND action = ? ORDER BY id")) {
            query.setString(1, actor);
            query.setString(2, action);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
