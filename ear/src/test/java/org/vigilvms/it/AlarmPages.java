package org.vigilvms.it;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The alarm list and the alarm rules page as a test works them: the list's rows (styled
 * alarm-id and camera-id) and its handling dialog ({@code handle-form:*}); the rules' rows
 * (styled rule-id) and the new-rule dialog ({@code rule-form:*}).
 */
final class AlarmPages {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Browser browser;

    AlarmPages(Browser browser) {
        this.browser = browser;
    }

    /** Opens the alarm list and waits until it follows the alarm socket. */
    void openList() {
        browser.driver.get(VigilDeployment.BASE + "/alarms.xhtml");
        // connected, and the list asked for at the connection is on the page (it replaced the table)
        browser.waiting(WAIT).until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "return window.vigilAlarms && window.vigilAlarms.connected && window.vigilAlarms.shown > 0;")));
    }

    /** Waits for the row of an open alarm on the camera and returns it. */
    WebElement alarmOf(long camera) {
        return browser.waiting(WAIT).until(d -> d.findElements(By.cssSelector(alarmRow(camera))).stream().findFirst().orElse(null));
    }

    /** The selector of the open alarms' rows of a camera. */
    static String alarmRow(long camera) {
        return "#alarms-form\\:alarms_data tr.camera-" + camera;
    }

    /** Presses acknowledge or close on the camera's alarm and waits until the dialog shows that alarm. */
    void startHandling(long camera, String what) {
        browser.click(By.cssSelector(alarmRow(camera) + " button." + what));
        browser.settled(WAIT);
        browser.waiting(WAIT).until(d -> d.findElement(By.id("handle-form:comment")).isDisplayed());
    }

    /** Leaves the handling dialog without a change and waits until it is gone. */
    void cancelHandling() {
        browser.click(By.id("handle-form:cancel"));
        browser.waiting(WAIT).until(d -> !d.findElement(By.id("handle-dialog")).isDisplayed()
                && d.findElements(By.cssSelector(".ui-widget-overlay")).stream().noneMatch(WebElement::isDisplayed));
    }

    /** Types the handling dialog's comment and presses its button. */
    void confirmHandling(String comment) {
        WebElement field = browser.driver.findElement(By.id("handle-form:comment"));
        field.clear();
        field.sendKeys(comment);
        browser.click(By.id("handle-form:confirm"));
        browser.settled(WAIT);
    }

    /** Opens the alarm rules page. */
    void openRules() {
        browser.driver.get(VigilDeployment.BASE + "/alarm-rules.xhtml");
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("rules-form:rules")).isEmpty());
    }

    /** Opens the new-rule dialog and waits until its fields can be typed in. */
    void newRule() {
        browser.click(By.id("rules-form:add"));
        browser.waiting(WAIT).until(d -> d.findElement(By.id("rule-form:name")).isDisplayed());
    }

    /** Replaces the text of a field of the rule dialog. */
    void type(String field, String text) {
        WebElement input = browser.driver.findElement(By.id("rule-form:" + field));
        input.clear();
        input.sendKeys(text);
    }

    /** Chooses an option of a select of the rule dialog by the text it shows. */
    void choose(String field, String shown) {
        new Select(browser.driver.findElement(By.id("rule-form:" + field))).selectByVisibleText(shown);
    }

    /**
     * Chooses cameras in the rule dialog's list as a person does among thousands: the list opened,
     * each name typed into its filter and the camera it leaves ticked; then the list closed.
     */
    void chooseCameras(String... names) {
        By panel = By.id("rule-form:cameras_panel");
        browser.click(By.cssSelector("#rule-form\\:cameras .ui-selectcheckboxmenu-trigger"));
        browser.waiting(WAIT).until(d -> d.findElement(panel).isDisplayed());
        for (String name : names) {
            WebElement filter = browser.driver.findElement(panel).findElement(By.cssSelector(".ui-selectcheckboxmenu-filter-container input"));
            filter.clear();
            filter.sendKeys(name);
            By item = By.xpath("//*[@id='rule-form:cameras_panel']//li[contains(@class,'ui-selectcheckboxmenu-item') and normalize-space(.)='"
                    + name + "']");
            browser.waiting(WAIT).until(d -> d.findElement(item).isDisplayed());
            browser.click(item);
            browser.waiting(WAIT).until(d -> "true".equals(d.findElement(item).findElement(By.cssSelector("input")).getDomProperty("checked")));
        }
        browser.click(By.cssSelector("#rule-form\\:cameras .ui-selectcheckboxmenu-trigger"));
        browser.waiting(WAIT).until(d -> !d.findElement(panel).isDisplayed());
    }

    /** Ticks or unticks a checkbox of the dialog (a day or an action) by its label, and waits for the dialog to follow. */
    void toggle(String label) {
        browser.click(By.xpath("//form[@id='rule-form']//label[normalize-space(text())='" + label + "']"));
        browser.settled(WAIT);
    }

    /** Presses the dialog's save button once it is scrolled into view and waits for the answer. */
    void saveRule() {
        By save = By.id("rule-form:save");
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.driver.findElement(save));
        browser.click(save);
        browser.settled(WAIT);
    }

    /** The message next to a field of the rule dialog ("" where there is none). */
    String fieldMessage(String field) {
        return browser.driver.findElement(By.id("rule-form:" + field + "-message")).getText();
    }

    /** Waits until the dialog and its modal mask are gone (after a save that was taken). */
    void awaitRuleDialogClosed() {
        browser.waiting(WAIT).until(d -> !d.findElement(By.id("rule-dialog")).isDisplayed()
                && d.findElements(By.cssSelector(".ui-widget-overlay")).stream().noneMatch(WebElement::isDisplayed));
    }

    /** The row of a rule. */
    WebElement ruleRow(long rule) {
        return browser.waiting(WAIT).until(d -> d.findElements(By.cssSelector("tr.rule-" + rule)).stream().findFirst().orElse(null));
    }

    /** Disables a rule from its row, answering yes to the question, and waits for the table to show it. */
    void disableRule(long rule) {
        browser.click(By.cssSelector("tr.rule-" + rule + " button.disable"));
        browser.click(By.id("rules-form:confirm-yes"));
        browser.waiting(WAIT).until(d -> !d.findElements(By.cssSelector("tr.rule-" + rule + ".disabled")).isEmpty());
    }

    /** Adds a webhook receiver with the form under the rules and returns what the page answered. */
    String addReceiver(String name, String url) {
        for (String[] field : new String[][] {{"name", name}, {"url", url}}) {
            WebElement input = browser.driver.findElement(By.id("receiver-form:" + field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.click(By.id("receiver-form:add"));
        browser.settled(WAIT);
        return browser.driver.findElement(By.id("receiver-form:result")).getText();
    }

    /** Takes a receiver out of use from its row and waits for the table to show it. */
    void disableReceiver(long receiver) {
        browser.click(By.cssSelector("tr.receiver-" + receiver + " button.disable"));
        browser.waiting(WAIT).until(d -> d.findElement(By.cssSelector("tr.receiver-" + receiver + " td.state")).getText()
                .equals("disabled"));
    }
}
