package org.vigilvms.it;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The live page as a test works it: its camera tree (nodes carry their camera's id) and the
 * grid's tiles (figures by index), with a drag from one onto the other as a hand makes it.
 */
final class LivePage {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Browser browser;

    LivePage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page (address after "live.xhtml") and its camera tree, if it is not open already. */
    void open(String query) {
        browser.driver.get(VigilDeployment.BASE + "/live.xhtml" + query);
        if ("true".equals(browser.driver.findElement(By.id("camera-tree")).getDomProperty("hidden"))) {
            browser.click(By.id("tree-toggle"));
        }
        browser.waiting(WAIT).until(d -> d.findElement(By.id("camera-tree")).isDisplayed());
    }

    /** The names of the cameras in the tree, site by site. */
    List<String> treeCameras() {
        return browser.driver.findElements(By.cssSelector("#camera-tree .camera-node")).stream().map(WebElement::getText).toList();
    }

    /** Drags a camera from the tree onto a tile and waits for the page it leads to, with the camera on that tile. */
    void drag(long camera, int tile) {
        WebElement node = browser.waiting(WAIT).until(d -> d.findElements(By.cssSelector(
                "#camera-tree .camera-node[data-camera='" + camera + "']")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        new Actions(browser.driver).clickAndHold(node).moveByOffset(30, 10)
                .moveToElement(browser.driver.findElement(By.cssSelector("figure[data-index='" + tile + "']"))).release().perform();
        browser.waiting(WAIT).until(d -> String.valueOf(camera).equals(d.findElement(By.cssSelector("figure[data-index='" + tile + "']"))
                .getDomAttribute("data-camera")));
    }
}
