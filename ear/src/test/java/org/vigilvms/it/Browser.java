package org.vigilvms.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vigilvms.testkit.camera.FrameStamp;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Where they are missing (a
 * developer's laptop) browser tests are skipped with a loud warning; where the environment says
 * VIGIL_BROWSER_REQUIRED=1 (CI, see .ci/run) a missing browser fails the test instead.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("VIGIL_BROWSER_REQUIRED"))) {
                Assertions.fail("browser test cannot run: " + why);
            }
            System.err.println("\n**************** BROWSER TEST SKIPPED ****************\n  " + why
                    + "\n******************************************************\n");
            Assumptions.abort("browser test skipped: " + why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=" + width + "," + height,
                "--autoplay-policy=no-user-gesture-required");
        // the installation's own CA is not in this throw-away browser profile's trust store
        // (an operator imports ca.pem once, as the run command says); TLS is still used
        options.setAcceptInsecureCerts(true);
        // the console's messages, read back by problems(): script errors and CSP refusals are SEVERE
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    /** Signs in through the console's login page, as a person would. */
    void signIn(String user, String password) {
        signIn(VigilDeployment.BASE, user, password);
    }

    /** Signs in to the server at {@code base} (another than the test container's). */
    void signIn(String base, String user, String password) {
        driver.get(base + "/login.xhtml");
        signInOnThisPage(user, password);
    }

    /** Signs in with a code from the person's authenticator app as well. */
    void signInWithCode(String user, String password, String code) {
        driver.get(VigilDeployment.BASE + "/login.xhtml");
        driver.findElement(By.id("code")).sendKeys(code);
        signInOnThisPage(user, password);
    }

    /** Signs in on the sign-in page the browser shows now (it was sent there) and waits until it has gone on. */
    void signInOnThisPage(String user, String password) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("signin")).click();
        // the click returns before the browser has followed the login endpoint's redirect
        waiting(Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login.xhtml")
                        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Opens the playback page of {@code camera} on the server at {@code base}, paused at {@code at},
     * and returns the frame stamp the player shows once it is within a second of {@code at} (the
     * recording of the right moment is on screen).
     */
    FrameStamp pausedPlaybackAt(String base, long camera, Instant at) {
        driver.get(base + "/playback.xhtml?camera=" + camera + "&at=" + at + "&paused=1");
        waiting(Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.vigilPlayback && window.vigilPlayback.ready;")));
        return waiting(Duration.ofSeconds(10)).until(d -> {
            try {
                FrameStamp shown = ConsoleBrowserIT.readStamp(d.findElement(By.id("playback")).getScreenshotAs(OutputType.BYTES));
                return shown != null && Math.abs(shown.captureTimeMs() - at.toEpochMilli()) <= 1000 ? shown : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Polls a condition over the page until it holds or the timeout passes. The console's tables are
     * rebuilt when their data changes, so an element found in one look may be gone by the next call on
     * it; that look is repeated instead of failing the test.
     */
    FluentWait<WebDriver> waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class);
    }

    /** Waits until PrimeFaces has no request under way (what it re-renders is then the page to look at). */
    void settled(Duration timeout) {
        waiting(timeout).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty();")));
    }

    /**
     * Clicks the element, finding it again if the table it sits in was rebuilt in between. Not for
     * a click that leaves the page ({@link #leaveBy}): a retried click could land on the next page.
     */
    void click(By locator) {
        waiting(Duration.ofSeconds(10)).until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /**
     * Clicks, once, a link or button that leads to another page, and waits until that page has
     * loaded. The click is never repeated: Chromium may report the element it just left as stale,
     * and a second click would then hit the next page (the theme button there undoes the choice).
     * The page left is marked in its own window object, which the next page does not have; so a
     * click that did not start a navigation fails here rather than later.
     */
    void leaveBy(By locator) {
        driver.executeScript("window.vigilLeft = true;");
        try {
            driver.findElement(locator).click();
        } catch (StaleElementReferenceException e) {
            // the navigation had begun before the driver looked again; the wait below checks it did
        }
        waiting(Duration.ofSeconds(15)).until(d -> Boolean.FALSE.equals(driver.executeScript(
                "return window.vigilLeft === true || document.readyState !== 'complete';")));
    }

    /** Signs out with the console's sign-out button and waits for the sign-in page it leads to. */
    void signOut() {
        leaveBy(By.id("signout"));
        Assertions.assertTrue(driver.getCurrentUrl().contains("/login.xhtml"), "signed out to the sign-in page: " + driver.getCurrentUrl());
    }

    /**
     * The browser's console errors since the last call (script errors, refused resources, and each
     * Content-Security-Policy refusal, which Chromium reports as an error), as their texts.
     */
    List<String> problems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves a screenshot under target/screenshots (the README shows the ones copied to docs/). */
    Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("vigil.it.dir"), "screenshots");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
