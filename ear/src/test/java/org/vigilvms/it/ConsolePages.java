package org.vigilvms.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's page template as a test reads it: opening a page and requiring that the browser
 * reported no error on the way (script errors, refused resources, Content-Security-Policy
 * refusals), the menu's entries, the breadcrumbs, the theme in use.
 */
final class ConsolePages {

    private final Browser browser;

    ConsolePages(Browser browser) {
        this.browser = browser;
    }

    private final List<String> findings = new ArrayList<>();

    /**
     * Opens {@code page} (relative to the console) and waits until it is loaded; keeps what the
     * browser reported while the previous page was open or this one loaded (script errors,
     * refused resources, Content-Security-Policy refusals) as findings naming the page.
     */
    void visit(String page) {
        browser.driver.get(VigilDeployment.BASE + "/" + page);
        browser.waiting(Duration.ofSeconds(15)).until(d -> "complete".equals(browser.driver.executeScript("return document.readyState")));
        browser.problems().forEach(problem -> findings.add(page + " (or the page before): " + problem));
        if (browser.driver.findElements(By.id("page-end")).isEmpty()) {
            findings.add(page + ": cut short before the template's end (an error while the server rendered it)");
        }
    }

    /** {@link #visit}, then keeps each serious or critical accessibility problem on the page as a finding too. */
    void visitAccessible(String page) {
        visit(page);
        accessibilityProblems().forEach(problem -> findings.add(page + ": " + problem));
    }

    /** Everything found on the pages visited so far, one line each; to be empty. */
    List<String> findings() {
        browser.problems().forEach(problem -> findings.add("the last page: " + problem));
        return List.copyOf(findings);
    }

    /** The labels of the menu's entries, in order. */
    List<String> menu() {
        return browser.driver.findElements(By.cssSelector("#menu a.ui-menuitem-link")).stream().map(WebElement::getText).toList();
    }

    /** The breadcrumbs' labels, home first. */
    List<String> crumbs() {
        return browser.driver.findElements(By.cssSelector("#crumbs a")).stream().map(WebElement::getText)
                .filter(text -> !text.isBlank()).toList();
    }

    /**
     * What axe-core (Deque's accessibility engine, run in the page) finds of serious or critical
     * impact on the page as it is now: one line per rule, with the elements it found.
     */
    List<String> accessibilityProblems() {
        browser.driver.executeScript(AXE);
        Object result = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + "      + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }));"
                + "}, function (e) { done(['axe failed: ' + e]); });");
        return ((List<?>) result).stream().map(String::valueOf).toList();
    }

    private static final String AXE = axeSource();

    private static String axeSource() {
        try (InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the page uses the PrimeFaces theme named (arya-blue dark, saga-blue light). */
    boolean themed(String theme) {
        return !browser.driver.findElements(By.cssSelector("link[href*='primefaces-" + theme + "']")).isEmpty();
    }
}
