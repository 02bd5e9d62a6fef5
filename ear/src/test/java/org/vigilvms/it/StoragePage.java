package org.vigilvms.it;

import java.time.Duration;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.Select;

/**
 * The storage page as a test works it: the volumes' table (rows styled volume-id, cells by column
 * class), the forms of an evidence lock and a deletion ({@code lock-form:*}, {@code delete-form:*}),
 * the locks' table, the requests waiting for a second person, and the backup form.
 */
final class StoragePage {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Browser browser;

    private StoragePage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page and waits for the volumes' table. */
    static StoragePage open(Browser browser) {
        browser.driver.get(VigilDeployment.BASE + "/storage.xhtml");
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("volumes-form:volumes")).isEmpty());
        return new StoragePage(browser);
    }

    /** Adds a volume (quota in GB, null for none) and returns what the page answered. */
    String addVolume(String name, String path, String quotaGb) {
        type(By.id("volume-form:name"), name);
        type(By.id("volume-form:path"), path);
        type(By.id("volume-form:quota"), quotaGb == null ? "" : quotaGb);
        return answer(By.id("volume-form:add"), By.id("volume-form:result"));
    }

    /** The text of a volume's cell by its column (state, used, fill, days-left, room). */
    String volumeCell(long volume, String column) {
        return browser.driver.findElement(By.cssSelector(volumeRow(volume) + " td." + column)).getText();
    }

    /** Waits until a volume's cell says what is wanted. */
    void awaitVolumeCell(long volume, String column, Predicate<String> wanted) {
        try {
            browser.waiting(WAIT).until(d -> wanted.test(volumeCell(volume, column)));
        } catch (TimeoutException e) {
            throw new AssertionError("volume " + volume + "'s " + column + ": \"" + volumeCell(volume, column) + "\"");
        }
    }

    /** Types a quota in GB into the volume's row and leaves the field, which sets it; returns what the page answered. */
    String setQuota(long volume, String quotaGb) {
        WebElement field = browser.driver.findElement(By.cssSelector(volumeRow(volume) + " input.quota"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(quotaGb, Keys.TAB);
        settled();
        return browser.driver.findElement(By.id("volume-form:result")).getText();
    }

    /** Presses a button of the volume's row (enable, disable) and returns what the page answered. */
    String pressVolume(long volume, String button) {
        return answer(By.cssSelector(volumeRow(volume) + " button." + button), By.id("volume-form:result"));
    }

    /** Fills the evidence lock's form (times typed in the reader's zone; null keeps what the form shows) and locks. */
    String lock(long camera, String from, String to, String reason) {
        return range("lock-form", camera, from, to, reason, "lock");
    }

    /** Fills the deletion's form as {@link #lock} does, deletes and confirms. */
    String delete(long camera, String from, String to, String reason) {
        fill("delete-form", camera, from, to, reason);
        browser.click(By.id("delete-form:delete"));
        confirm();
        return browser.driver.findElement(By.id("delete-form:result")).getText();
    }

    /** The evidence lock's row with this reason, if the table shows it. */
    By lockRow(String reason) {
        return By.xpath("//tbody[@id='locks-form:locks_data']/tr[td[contains(@class,'reason')][text()=\"" + reason + "\"]]");
    }

    /** Releases the lock with this reason (confirmed) and returns what the page answered. */
    String release(String reason) {
        browser.click(new ByChained(lockRow(reason), By.cssSelector("button.release")));
        confirm();
        return browser.driver.findElement(By.id("lock-form:result")).getText();
    }

    /** Approves a request waiting for a second person (rows styled approval-id); returns what the page answered. */
    String approve(String approval) {
        return answer(approvalButton(approval, "approve"), By.id("approvals-form:result"));
    }

    /**
     * Rejects a request with a comment in the reject dialog (opened unless it is open) and returns
     * what the page answered: the refusal in the dialog, which stays open, or the rejection.
     */
    String reject(String approval, String comment) {
        if (!browser.driver.findElement(By.id("reject-dialog")).isDisplayed()) {
            browser.click(approvalButton(approval, "reject"));
            browser.waiting(WAIT).until(d -> d.findElement(By.id("reject-form:comment")).isDisplayed());
        }
        type(By.id("reject-form:comment"), comment);
        browser.click(By.id("reject-form:reject"));
        settled();
        // taken: the dialog closes and the list says so; refused: the dialog stays open with the reason
        return browser.waiting(WAIT).until(d -> d.findElement(By.id("reject-dialog")).isDisplayed()
                ? emptyToNull(d.findElement(By.id("reject-form:result")).getText())
                : d.findElement(By.id("approvals-form:result")).getText());
    }

    /** Waits until the request is no longer listed (decided). */
    void awaitNoApproval(String approval) {
        browser.waiting(WAIT).until(d -> d.findElements(By.cssSelector("#approvals-form\\:approvals_data tr.approval-" + approval))
                .isEmpty());
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static By approvalButton(String approval, String button) {
        return By.cssSelector("#approvals-form\\:approvals_data tr.approval-" + approval + " button." + button);
    }

    /** Takes a backup with the account's password and the backup's; returns what the page answered. */
    String takeBackup(String accountPassword, String backupPassword) {
        type(By.id("backup-form:account"), accountPassword);
        type(By.id("backup-form:password"), backupPassword);
        browser.click(By.id("backup-form:run"));
        browser.settled(Duration.ofSeconds(60)); // the server writes the whole backup first
        return browser.driver.findElement(By.id("backup-form:result")).getText();
    }

    /** The link the page offers to download the backup just taken. */
    String backupLink() {
        return browser.driver.findElement(By.id("backup-download")).getDomAttribute("href");
    }

    /** Deletes the server's copy of the backup just taken; returns what the page answered. */
    String deleteBackup() {
        return answer(By.id("backup-form:delete"), By.id("backup-form:result"));
    }

    private String range(String form, long camera, String from, String to, String reason, String button) {
        fill(form, camera, from, to, reason);
        return answer(By.id(form + ":" + button), By.id(form + ":result"));
    }

    private void fill(String form, long camera, String from, String to, String reason) {
        new Select(browser.driver.findElement(By.id(form + ":camera"))).selectByValue(String.valueOf(camera));
        if (from != null) {
            type(By.id(form + ":from"), from);
        }
        if (to != null) {
            type(By.id(form + ":to"), to);
        }
        type(By.id(form + ":reason"), reason);
    }

    /** Answers yes in the confirmation dialog and waits for the request it lets go. */
    private void confirm() {
        browser.waiting(WAIT).until(d -> d.findElement(By.id("confirm-form:confirm-yes")).isDisplayed());
        browser.click(By.id("confirm-form:confirm-yes"));
        settled();
    }

    private String answer(By button, By result) {
        browser.click(button);
        settled();
        return browser.driver.findElement(result).getText();
    }

    private void type(By field, String text) {
        WebElement element = browser.driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    private void settled() {
        browser.settled(WAIT);
    }

    private static String volumeRow(long volume) {
        return "#volumes-form\\:volumes_data tr.volume-" + volume;
    }
}
