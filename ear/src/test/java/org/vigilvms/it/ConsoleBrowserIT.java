package org.vigilvms.it;

import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.FrameStamp;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * The console in a real browser (Debian's Chromium, headless): sign-in, the 2x2 live grid whose
 * four tiles show the cameras' burned-in frame counters advancing (decoded by the browser from
 * the recorder's own packets, read back from screenshots), and a user who sees only the camera
 * they have a right on while the other camera's media URL answers 403, and playback opened at a
 * chosen time showing the frame captured then (within 1 s), where a rectangle drawn on the picture
 * finds the motion in the recordings.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleBrowserIT {

    private static final String CAMERA_PASSWORD = "browser-Pa55word";
    private static VirtualCameraFleet fleet;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @BeforeAll
    static void cameras() {
        fleet = VirtualCameraFleet.start(4, CameraConfig.forTests(401, CAMERA_PASSWORD), 0);
    }

    @AfterAll
    static void stopCameras() {
        fleet.close();
    }

    @Test
    void signInThenTheTwoByTwoGridShowsFourLiveTilesWhoseCountersAdvance() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            Map<Long, Integer> cameraOf = new HashMap<>();
            for (VirtualCamera camera : fleet.cameras()) {
                cameraOf.put(addCamera(admin, "live " + camera.config().id(), camera.rtspUrl()), camera.config().id());
            }
            // cameras other test classes left behind (their virtual cameras are gone) would take the first tiles
            String listed = get(admin, "/api/v1/cameras").body();
            java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(listed);
            while (ids.find()) {
                long other = Long.parseLong(ids.group(1));
                if (!cameraOf.containsKey(other)) {
                    post(admin, "/api/v1/cameras/" + other + "/disable", "");
                }
            }

            browser.signIn("nobody", "wrong");
            assertTrue(browser.driver.getPageSource().contains("Sign-in failed"), "a wrong password is told so");
            browser.signIn("admin", VigilDeployment.adminPassword());
            assertTrue(browser.driver.findElement(By.id("user")).getText().contains("admin"));

            browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=2");
            List<WebElement> tiles = browser.driver.findElements(By.cssSelector("video[data-camera]"));
            assertTrue(tiles.size() >= 4, tiles.size() + " tiles");
            Map<Long, FrameStamp> first = new HashMap<>();
            for (WebElement tile : tiles.subList(0, 4)) {
                first.put(Long.parseLong(tile.getDomAttribute("data-camera")), awaitStamp(browser, tile, null));
            }
            browser.screenshot("live-grid-2x2");
            for (WebElement tile : tiles.subList(0, 4)) {
                long id = Long.parseLong(tile.getDomAttribute("data-camera"));
                FrameStamp later = awaitStamp(browser, tile, first.get(id));
                if (cameraOf.containsKey(id)) {
                    assertEquals((int) cameraOf.get(id), later.cameraId(), "tile of camera " + id + " shows that camera");
                }
                assertTrue(later.frameCounter() > first.get(id).frameCounter(), "camera " + id + ": frame counter advances "
                        + first.get(id).frameCounter() + " -> " + later.frameCounter());
            }
        }
    }

    @Test
    void aUserSeesOnlyTheCameraTheyMayWatchAndTheOthersMediaIsRefused() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long allowed = addCamera(admin, "erin allowed", fleet.camera(0).rtspUrl());
            long other = addCamera(admin, "erin other", fleet.camera(1).rtspUrl());
            VigilTestEnvironment.directory().addUser("erin", "Erin-pw-1");
            VigilTestEnvironment.directory().addToGroup("erin", "lobby-watch");
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"GROUP\",\"subject\":\"lobby-watch\","
                    + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + allowed + "}").statusCode());

            browser.signIn("erin", "Erin-pw-1");
            browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=3");
            List<WebElement> tiles = browser.driver.findElements(By.cssSelector("video[data-camera]"));
            assertEquals(1, tiles.size(), "one tile: the camera erin may watch");
            assertEquals(String.valueOf(allowed), tiles.get(0).getDomAttribute("data-camera"));
            assertNotNull(awaitStamp(browser, tiles.get(0), null));

            // playback in the console: erin has no PLAYBACK on either camera; the page says so
            browser.driver.get(VigilDeployment.BASE + "/playback.xhtml?camera=" + other + "&at=" + Instant.now().minusSeconds(30));
            Instant shown = Instant.now().plusSeconds(10);
            while (!browser.driver.findElement(By.id("playback-state")).getText().contains("refused")) {
                assertTrue(Instant.now().isBefore(shown), "playback refused in the console");
                Thread.sleep(200);
            }
            assertTrue(browser.driver.findElement(By.id("playback-state")).getText().contains("403"));

            HttpClient erin = VigilDeployment.signedIn("erin", "Erin-pw-1");
            assertEquals(200, get(erin, "/api/v1/cameras/" + allowed + "/live").statusCode());
            assertEquals(403, get(erin, "/api/v1/cameras/" + other + "/live").statusCode(), "media URL of the other camera");
            assertEquals(403, post(erin, "/api/v1/cameras/" + allowed + "/ptz", "{\"action\":\"stop\"}").statusCode(),
                    "no PTZ right: a forced PTZ request is refused");
            // the stream itself needs a valid token: a made-up one is closed with 1008
            assertEquals(1008, webSocketCloseCode(erin, "/live/" + other + "?token=bm90LmEudG9rZW4.AAAA"));
            // and a real token for one camera does not open another
            String ticket = get(erin, "/api/v1/cameras/" + allowed + "/live").body();
            String token = ticket.replaceAll(".*token=([^\"]+)\".*", "$1");
            assertEquals(1008, webSocketCloseCode(erin, "/live/" + other + "?token=" + token));
            assertTrue(count("live.start", "erin") >= 1, "viewing audited");
        }
    }

    @Test
    void playbackAtAChosenTimeShowsTheFrameCapturedThen() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long id = addCamera(admin, "playback gate", fleet.camera(2).rtspUrl());
            Instant deadline = Instant.now().plusSeconds(60);
            while (segmentCount(id) < 5) {
                assertTrue(Instant.now().isBefore(deadline), "camera recorded");
                Thread.sleep(500);
            }
            Instant at = segmentStart(id, 3).plusMillis(1300);

            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/playback.xhtml?camera=" + id + "&at=" + at + "&paused=1");
            Instant ready = Instant.now().plusSeconds(30);
            while (!Boolean.TRUE.equals(browser.driver.executeScript("return window.vigilPlayback && window.vigilPlayback.ready;"))) {
                assertTrue(Instant.now().isBefore(ready), "playback ready: "
                        + browser.driver.findElement(By.id("playback-state")).getText());
                Thread.sleep(200);
            }
            // the seeked frame is painted once decoded from its keyframe on: under load that can take a moment
            WebElement video = browser.driver.findElement(By.id("playback"));
            FrameStamp stamp = null;
            long offset = Long.MAX_VALUE;
            Instant painted = Instant.now().plusSeconds(5);
            do {
                Thread.sleep(300);
                stamp = readStamp(video.getScreenshotAs(OutputType.BYTES));
                offset = stamp == null ? Long.MAX_VALUE : stamp.captureTimeMs() - at.toEpochMilli();
            } while (Math.abs(offset) > 1000 && Instant.now().isBefore(painted));
            browser.screenshot("playback");
            assertNotNull(stamp, "a stamped frame is shown");
            assertEquals(fleet.camera(2).config().id(), stamp.cameraId());
            System.out.println("playback: frame shown was captured " + offset + " ms from the requested time");
            assertTrue(Math.abs(offset) <= 1000, "frame captured " + offset + " ms from the requested time");

            // motion search: a rectangle drawn on the picture finds the moving bar in the recordings around
            browser.driver.findElement(By.id("motion-mode")).click();
            WebElement layer = browser.driver.findElement(By.id("region-layer"));
            new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(layer, -200, -50).clickAndHold()
                    .moveByOffset(300, 120).release().perform();
            WebElement results = browser.driver.findElement(By.id("motion-results"));
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(60))
                    .until(d -> results.getText().contains("with motion") || results.getText().contains("refused"));
            assertTrue(results.getText().matches("[1-9]\\d* spans? with motion in the region"), results.getText());
            assertTrue(!browser.driver.findElements(By.cssSelector("#timeline .found")).isEmpty(), "found spans on the timeline");
        }
    }

    @Test
    void anExportAskedInTheConsoleShowsItsProgressUntilTheDownloadAndIsRefusedWithoutTheRight() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long id = addCamera(admin, "export desk", fleet.camera(3).rtspUrl());
            Instant deadline = Instant.now().plusSeconds(60);
            while (segmentCount(id) < 4) {
                assertTrue(Instant.now().isBefore(deadline), "camera recorded");
                Thread.sleep(500);
            }
            Instant from = segmentStart(id, 1).plusSeconds(1);
            String page = VigilDeployment.BASE + "/exports.xhtml?camera=" + id + "&from=" + from + "&to=" + from.plusSeconds(4);

            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(page);
            WebElement result = askForExport(browser, id, "console export test");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(d -> result.getText().startsWith("export ") || result.getText().startsWith("refused"));
            assertTrue(result.getText().startsWith("export "), result.getText());
            String prefix = result.getText().split(" ")[1];
            // the list follows the job without a reload until its package can be downloaded
            WebElement link = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(60))
                    .until(d -> d.findElements(By.cssSelector("tr[id^='job-" + prefix + "'] a.download")).stream()
                            .findFirst().orElse(null));
            assertTrue(link.getDomAttribute("href").endsWith("/file"), link.getDomAttribute("href"));
            browser.screenshot("exports");

            VigilTestEnvironment.directory().addUser("ida", "Ida-pw-1");
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"ida\","
                    + "\"right\":\"PLAYBACK\",\"cameraId\":" + id + "}").statusCode());
            browser.driver.manage().deleteAllCookies();
            browser.signIn("ida", "Ida-pw-1");
            browser.driver.get(page);
            WebElement refused = askForExport(browser, id, "curious");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(d -> refused.getText().startsWith("refused"));
            assertTrue(refused.getText().contains("ida lacks EXPORT on camera:" + id), refused.getText());
        }
    }

    @Test
    void theCameraPageShowsThePtzPadOnlyToThoseWhoMaySteerAndThePadMovesTheCamera() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            VirtualCamera dome = fleet.camera(1);
            HttpResponse<String> added = post(admin, "/api/v1/cameras/onvif", "{\"name\":\"ptz dome\",\"deviceUrl\":\""
                    + dome.onvifDeviceUrl() + "\",\"username\":\"admin\",\"password\":\"" + CAMERA_PASSWORD + "\"}");
            assertEquals(201, added.statusCode(), added.body());
            long id = Long.parseLong(added.body().replaceAll(".*\"id\":(\\d+).*", "$1"));

            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
            assertEquals(1, browser.driver.findElements(By.id("ptz-pad")).size(), "PTZ holder sees the pad");
            int panBefore = dome.ptz().pan();
            new org.openqa.selenium.interactions.Actions(browser.driver).clickAndHold(browser.driver.findElement(By.id("ptz-right")))
                    .pause(Duration.ofMillis(800)).release().perform();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> browser.driver.findElement(By.id("ptz-state")).getText().equals("stopped"));
            assertTrue(dome.ptz().pan() > panBefore, "the camera panned right: " + panBefore + " -> " + dome.ptz().pan());
            browser.screenshot("camera-ptz");

            VigilTestEnvironment.directory().addUser("quinn", "Quinn-pw-1");
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"quinn\","
                    + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + id + "}").statusCode());
            browser.driver.manage().deleteAllCookies();
            browser.signIn("quinn", "Quinn-pw-1");
            browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
            assertEquals(1, browser.driver.findElements(By.cssSelector("video[data-camera='" + id + "']")).size());
            assertEquals(0, browser.driver.findElements(By.id("ptz-pad")).size(), "no PTZ right: no pad");
            HttpClient quinn = VigilDeployment.signedIn("quinn", "Quinn-pw-1");
            assertEquals(403, post(quinn, "/api/v1/cameras/" + id + "/ptz", "{\"action\":\"continuous\",\"pan\":0.5}").statusCode(),
                    "a forced PTZ request is refused");
            browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + (id + 1000));
            assertEquals(1, browser.driver.findElements(By.id("no-camera")).size(), "a camera quinn may not watch is not shown");
        }
    }

    /** Ticks the camera (the page ticks it when named in the address), gives a reason and submits. */
    private static WebElement askForExport(Browser browser, long cameraId, String reason) {
        WebElement box = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("input[name=camera][value='" + cameraId + "']")).stream()
                        .findFirst().orElse(null));
        assertTrue(box.isSelected(), "the camera named in the address is ticked");
        browser.driver.findElement(By.id("export-reason")).sendKeys(reason);
        browser.driver.findElement(By.id("export-submit")).click();
        return browser.driver.findElement(By.id("export-result"));
    }

    private static long segmentCount(long cameraId) throws Exception {
        try (var c = VigilDeployment.database(); var s = c.prepareStatement("SELECT count(*) FROM segment WHERE camera_id = ?")) {
            s.setLong(1, cameraId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant segmentStart(long cameraId, long chainSeq) throws Exception {
        try (var c = VigilDeployment.database();
             var s = c.prepareStatement("SELECT start_ts FROM segment WHERE camera_id = ? AND chain_seq = ?")) {
            s.setLong(1, cameraId);
            s.setLong(2, chainSeq);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Waits until the tile shows a readable stamp (newer than {@code after}, when given). */
    private static FrameStamp awaitStamp(Browser browser, WebElement tile, FrameStamp after) throws Exception {
        Instant deadline = Instant.now().plusSeconds(40);
        String last = "nothing decoded";
        while (Instant.now().isBefore(deadline)) {
            Object time = browser.driver.executeScript("return arguments[0].readyState >= 2 ? arguments[0].currentTime : -1;", tile);
            if (time instanceof Number t && t.doubleValue() > 0) {
                FrameStamp stamp = readStamp(tile.getScreenshotAs(OutputType.BYTES));
                if (stamp != null && (after == null || stamp.frameCounter() > after.frameCounter())) {
                    return stamp;
                }
                last = stamp == null ? "no readable stamp at t=" + t : "counter still " + stamp.frameCounter();
            }
            Thread.sleep(300);
        }
        Path shot = browser.screenshot("tile-timeout-" + tile.getDomAttribute("data-camera"));
        throw new AssertionError("tile " + tile.getDomAttribute("data-camera") + ": " + last + " (see " + shot + ")");
    }

    /** The stamp in a tile screenshot, scaled back to the cameras' 640 px width. */
    static FrameStamp readStamp(byte[] png) throws Exception {
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
        int width = 640;
        int height = 360;
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(shot, 0, 0, width, height, null);
        g.dispose();
        byte[] luma = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                luma[y * width + x] = (byte) Math.round(16 + (65.738 * r + 129.057 * gr + 25.064 * b) / 256);
            }
        }
        return FrameStamp.read(luma, width, width);
    }

    private static int webSocketCloseCode(HttpClient client, String path) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
                closed.completeExceptionally(new AssertionError("video was sent on " + path));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
        client.newWebSocketBuilder().buildAsync(URI.create(VigilDeployment.BASE.replace("https:", "wss:") + path), listener)
                .get(10, TimeUnit.SECONDS);
        return closed.get(10, TimeUnit.SECONDS);
    }

    private static long addCamera(HttpClient admin, String name, String url) throws Exception {
        return VigilDeployment.addCamera(admin, name, url, CAMERA_PASSWORD);
    }

    private static long count(String action, String actor) throws Exception {
        try (var c = VigilDeployment.database(); var s = c.prepareStatement("SELECT count(*) FROM audit_event WHERE action = ? AND actor = ?")) {
            s.setString(1, action);
            s.setString(2, actor);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
