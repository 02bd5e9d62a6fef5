package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The audit page as a test works it: the filter fields ({@code audit-form:*}), one column of the
 * rows a search found (newest first, the first page), and the chain verified from the page, read
 * against what the server's own verifier finds at the same moment.
 */
final class AuditPage {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Browser browser;

    AuditPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page and waits for its table of rows. */
    static AuditPage open(Browser browser) {
        browser.driver.get(VigilDeployment.BASE + "/audit.xhtml");
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("audit-form:rows")).isEmpty());
        return new AuditPage(browser);
    }

    /** Searches with these fields filled in (null leaves one empty; times as the page takes them) and waits for the answer. */
    void search(String actor, String action, String target, String from) {
        fill("actor", actor);
        fill("action", action);
        fill("target", target);
        fill("from", from);
        browser.click(By.id("audit-form:search"));
        browser.settled(WAIT);
    }

    /** The texts of one column of the rows shown: {@code time}, {@code actor}, {@code action}, {@code target}, {@code outcome} or {@code detail}. */
    List<String> column(String name) {
        return browser.driver.findElements(By.cssSelector("#audit-form\\:rows_data tr ." + name)).stream().map(WebElement::getText).toList();
    }

    /**
     * Verifies the chain with the page's button and requires the page to say what the server's
     * verifier says: "Intact" when it finds nothing, else its findings, one per line (in the suite,
     * other tests tamper with the trail on purpose). Returns what the page showed.
     */
    String verifyAsTheServerDoes(HttpClient auditor) throws Exception {
        browser.click(By.id("audit-form:verify"));
        browser.waiting(WAIT).until(d -> !d.findElement(By.id("audit-form:verification")).getText().isBlank());
        List<String> found = VigilDeployment.json(VigilDeployment.get(auditor, "/api/v1/audit/verify")).asJsonObject()
                .getJsonArray("findings").getValuesAs(JsonObject.class).stream().map(f -> f.getString("problem") + " at "
                        + f.getJsonNumber("chainSeq").longValue() + ": " + f.getString("detail")).toList();
        String shown = browser.driver.findElement(By.id("audit-form:verification")).getText();
        if (found.isEmpty()) {
            assertTrue(shown.startsWith("Intact: "), shown);
        } else {
            assertEquals(found, shown.lines().toList(), "the verifier's findings, each on its line");
        }
        return shown;
    }

    private void fill(String field, String value) {
        browser.driver.executeScript("arguments[0].value = arguments[1];", browser.driver.findElement(By.id("audit-form:" + field)),
                value == null ? "" : value);
    }
}
