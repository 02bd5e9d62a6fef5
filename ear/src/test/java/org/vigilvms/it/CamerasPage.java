package org.vigilvms.it;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The cameras page as a test works it: the lazy table (rows styled camera-id, column filters),
 * the sites' tree, the add/change dialog, whose fields are {@code camera-form:*}, and the analytics
 * dialog ({@code analytics-form:*}) with its picture to draw on.
 */
final class CamerasPage {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Browser browser;

    private CamerasPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page and waits for its table. */
    static CamerasPage open(Browser browser) {
        browser.driver.get(VigilDeployment.BASE + "/cameras.xhtml");
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("cameras-form:table")).isEmpty());
        return new CamerasPage(browser);
    }

    /** Opens the dialog for a new camera and waits until its fields can be typed in. */
    void add() {
        browser.click(By.id("cameras-form:add"));
        awaitDialog();
    }

    /** Opens the dialog on a camera's row and waits until it holds the camera's settings. */
    void edit(long camera) {
        press(camera, "edit");
        awaitDialog();
        browser.waiting(WAIT).until(d -> !d.findElement(By.id("camera-form:name")).getAttribute("value").isEmpty());
    }

    /** Presses a button of the dialog (test, save) once it is scrolled into the dialog's view (a long dialog scrolls). */
    void dialogButton(String id) {
        By button = By.id("camera-form:" + id);
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.driver.findElement(button));
        browser.click(button);
    }

    /** Chooses how the camera in the dialog records (CONTINUOUS, SCHEDULED, EVENT) and waits for that mode's fields. */
    void recordingMode(String mode) {
        new Select(browser.driver.findElement(By.id("camera-form:mode"))).selectByValue(mode);
        settled();
    }

    /** Ticks (or unticks) an hour in the dialog's week, by its label ("Monday 07:00"), and waits for the timetable to follow. */
    void tick(String hour) {
        browser.click(By.xpath("//table[@class='week-grid']//input[@aria-label='" + hour + "']"));
        settled();
    }

    /** Waits until the dialog and its modal mask are gone (after a save that was taken). */
    void awaitDialogClosed() {
        browser.waiting(WAIT).until(d -> !d.findElement(By.id("camera-dialog")).isDisplayed()
                && d.findElements(By.cssSelector(".ui-widget-overlay")).stream().noneMatch(WebElement::isDisplayed));
    }

    private void awaitDialog() {
        browser.waiting(WAIT).until(d -> d.findElement(By.id("camera-form:name")).isDisplayed());
    }

    /** Presses a button of the camera's row (styled camera-id) by its style class (edit, disable, enable, approve). */
    void press(long camera, String button) {
        browser.click(By.cssSelector(row(camera) + " button." + button));
    }

    /** Waits until the camera's health cell says what is wanted. */
    void awaitHealth(long camera, Predicate<String> wanted, Duration timeout) {
        By cell = By.cssSelector(row(camera) + " td.health");
        try {
            browser.waiting(timeout).until(d -> d.findElements(cell).stream().anyMatch(c -> wanted.test(c.getText())));
        } catch (TimeoutException e) {
            throw new AssertionError("camera " + camera + "'s health: " + browser.driver.findElements(cell).stream()
                    .map(WebElement::getText).toList() + " in rows " + browser.driver.findElements(By.cssSelector(
                            "#cameras-form\\:table_data tr")).stream().map(WebElement::getText).toList());
        }
    }

    /** Chooses a site in the tree by the label it shows ("north gate (1)"), or all sites with null. */
    void chooseSite(String label) {
        By node = label == null ? By.cssSelector("#cameras-form\\:sites .ui-treenode-label")
                : By.xpath("//div[@id='cameras-form:sites']//span[contains(@class,'ui-treenode-label')][normalize-space()='" + label + "']");
        browser.click(node);
        settled();
    }

    private void settled() {
        browser.settled(WAIT);
    }

    /** Types into a column's filter (name, site, stream); an empty text clears it. */
    void filter(String column, String text) {
        settled();
        // typed again whole if the table header was re-rendered meanwhile (a health refresh)
        browser.waiting(WAIT).until(d -> {
            WebElement field = d.findElement(By.cssSelector("#cameras-form\\:table th." + column + " input.ui-column-filter"));
            field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            if (!text.isEmpty()) {
                field.sendKeys(text);
            }
            return true;
        });
    }

    /** The names in the table as it stands, top to bottom. */
    List<String> names() {
        return browser.driver.findElements(By.cssSelector("#cameras-form\\:table_data td.name")).stream()
                .map(WebElement::getText).toList();
    }

    /** Opens a camera's analytics dialog and waits until its live picture has arrived. */
    void openAnalytics(long camera) {
        press(camera, "analytics");
        browser.waiting(WAIT).until(d -> d.findElement(By.id("analytics-canvas")).isDisplayed());
        browser.waiting(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "var i = document.querySelector('#analytics-canvas img'); return i.complete && i.naturalWidth > 0;")));
    }

    /** Drags on the analytics dialog's picture from one point to another, given as fractions of the picture. */
    void drawOnPicture(double fromX, double fromY, double toX, double toY) {
        WebElement canvas = browser.driver.findElement(By.id("analytics-canvas"));
        int width = canvas.getSize().getWidth();
        int height = canvas.getSize().getHeight();
        // offsets are from the element's centre; the drag moves in steps, as a hand does
        new Actions(browser.driver)
                .moveToElement(canvas, (int) ((fromX - 0.5) * width), (int) ((fromY - 0.5) * height)).clickAndHold()
                .moveByOffset((int) ((toX - fromX) * width / 2), (int) ((toY - fromY) * height / 2))
                .moveToElement(canvas, (int) ((toX - 0.5) * width), (int) ((toY - 0.5) * height)).release().perform();
    }

    /** Leaves the analytics dialog without saving and waits until it and its modal mask are gone. */
    void closeAnalytics() {
        browser.click(By.id("analytics-form:cancel"));
        browser.waiting(WAIT).until(d -> !d.findElement(By.id("analytics-dialog")).isDisplayed()
                && d.findElements(By.cssSelector(".ui-widget-overlay")).stream().noneMatch(WebElement::isDisplayed));
    }

    /** The value of a field of the analytics dialog. */
    String analyticsField(String id) {
        return browser.driver.findElement(By.id("analytics-form:" + id)).getDomProperty("value");
    }

    /** Types into a field of the analytics dialog, replacing what it held. */
    void typeAnalytics(String id, String text) {
        WebElement field = browser.driver.findElement(By.id("analytics-form:" + id));
        field.clear();
        field.sendKeys(text);
    }

    /** Presses a button of the analytics dialog (add-region, save) and waits for the answer. */
    void analyticsButton(String id) {
        By button = By.id("analytics-form:" + id);
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.driver.findElement(button));
        browser.click(button);
        settled();
    }

    /** The names of the dialog's zones or masks ("zones", "masks"), top to bottom. */
    List<String> regionNames(String table) {
        return browser.driver.findElements(By.cssSelector("#analytics-form\\:" + table + "_data td.name")).stream()
                .map(WebElement::getText).toList();
    }

    private static String row(long camera) {
        return "#cameras-form\\:table_data tr.camera-" + camera;
    }
}
