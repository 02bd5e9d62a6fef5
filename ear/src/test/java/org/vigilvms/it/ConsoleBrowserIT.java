package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.delete;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;
import static org.vigilvms.it.VigilDeployment.segmentStart;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.platform.Platform;
import org.vigilvms.security.Totp;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.FrameStamp;
import org.vigilvms.testkit.camera.VideoCodec;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.tools.NodeKey;

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

    /** Recorded from the start of the class, so that its recordings are there when playback is tried. */
    private static long playbackGate;

    /**
     * The playback desk: a camera of its own (no other test switches its microphone), recorded around
     * an outage from the start of the class ({@link #recordAroundAnOutage}); done when that is.
     */
    private static VirtualCameraFleet deskCamera;
    private static long playbackDesk;
    private static FutureTask<Void> deskRecorded;

    @BeforeAll
    static void cameras() throws Exception {
        fleet = VirtualCameraFleet.start(4, CameraConfig.forTests(401, CAMERA_PASSWORD), 0);
        deskCamera = VirtualCameraFleet.start(1, CameraConfig.forTests(451, CAMERA_PASSWORD), -1);
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        playbackGate = addCamera(admin, "playback gate", fleet.camera(2).rtspUrl());
        playbackDesk = addCamera(admin, "playback desk", deskCamera.camera(0).rtspUrl());
        deskRecorded = new FutureTask<>(() -> {
            recordAroundAnOutage(admin, playbackDesk, deskCamera.camera(0));
            return null;
        });
        new Thread(deskRecorded, "playback desk").start();
    }

    /**
     * Four segments, an outage of 4 s after which the camera comes back with its microphone on (the
     * recording has a gap, and sound after it), then three segments more.
     */
    private static void recordAroundAnOutage(HttpClient admin, long id, VirtualCamera camera) throws Exception {
        VigilDeployment.await("4 segments recorded", Duration.ofSeconds(60), () -> recorded(id) >= 4);
        assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/disable", "").statusCode());
        camera.sendAudio(true);
        Thread.sleep(4000);
        assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/enable", "").statusCode());
        long before = segmentCount(id);
        VigilDeployment.await("3 segments after the gap", Duration.ofSeconds(60), () -> recorded(id) >= before + 3);
    }

    @AfterAll
    static void stopCameras() {
        fleet.close();
        deskCamera.close();
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
            // cameras other test classes left behind (their virtual cameras are gone) would take the first tiles; and
            // so would this class's, which are taken off once they have recorded what their tests play back
            deskRecorded.get(3, TimeUnit.MINUTES);
            String listed = get(admin, "/api/v1/cameras").body();
            Matcher ids = Pattern.compile("\"id\":(\\d+)").matcher(listed);
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
    void everyPageRunsUnderTheStrictPolicyWithoutAConsoleErrorAndOffersOnlyWhatItsUserMayUse() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long camera = addCamera(admin, "pages", fleet.camera(2).rtspUrl());
            VigilTestEnvironment.directory().addUser("piet", "Piet-pw-1");
            VigilDeployment.grantToUser(admin, "piet", "VIEW_LIVE", camera);

            ConsolePages pages = new ConsolePages(browser);
            pages.visitAccessible("login.xhtml");
            browser.signIn("admin", VigilDeployment.adminPassword());
            Instant motion = Instant.now().minusSeconds(90);
            storeEvent(camera, motion);
            for (String page : List.of("index.xhtml", "live.xhtml", "alarms.xhtml", "events.xhtml", "exports.xhtml", "cameras.xhtml",
                    "alarm-rules.xhtml", "storage.xhtml", "devices.xhtml", "directory.xhtml", "audit.xhtml", "camera.xhtml?id=" + camera,
                    "playback.xhtml?camera=" + camera, "settings.xhtml")) {
                pages.visitAccessible(page);
                assertTrue(pages.themed("arya-blue"), page + " in the dark theme");
            }
            pages.visit("index.xhtml");
            assertTrue(((Number) browser.driver.executeScript("return Object.keys(PrimeFaces.widgets).length;")).intValue() >= 3,
                    "PrimeFaces' own scripts ran under the policy (menu and tables are widgets)");
            assertEquals(List.of("System", "Live", "Alarms", "Events", "Exports", "Cameras", "Alarm rules", "Storage", "Devices", "Users and rights",
                    "Audit"), pages.menu(), "an administrator is offered every page");
            // the system page: the X.1453 controls as the installation stands, and the history of its health
            assertEquals(List.of("C-1", "C-2", "C-3", "I-1", "I-2", "I-3", "A-1", "A-2", "A-3", "A-4", "AC-1", "AC-2", "AC-3", "T-INS",
                    "IP-1", "IP-2"), columnTexts(browser, "controls", "control-id"));
            String camerasCheck = browser.driver.findElement(By.xpath("//tbody[@id='checks_data']/tr[td[1]='cameras']/td[3]")).getText();
            assertEquals(camerasCheck.startsWith("every enabled camera") ? "ENFORCED" : "WEAKENED", control(browser, "C-1").get(0),
                    "the transport control agrees with the cameras check: " + camerasCheck);
            VigilDeployment.setServerProperty(management, "vigil.four.eyes", "recording.delete");
            VigilDeployment.setServerProperty(management, "vigil.export.approval", "required");
            try {
                pages.visit("index.xhtml");
                assertEquals(List.of("PARTIAL", "waiting for a second person: recording.delete, export"), control(browser, "T-INS"));
            } finally {
                VigilDeployment.setServerProperty(management, "vigil.four.eyes", null);
                VigilDeployment.setServerProperty(management, "vigil.export.approval", null);
            }
            pages.visit("index.xhtml");
            assertEquals(List.of("OFF", "no action waits for a second person"), control(browser, "T-INS"));
            Instant deadline = Instant.now().plusSeconds(40);
            while (!columnTexts(browser, "history", "history-check").contains("database")) {
                assertTrue(Instant.now().isBefore(deadline), "the health watch wrote the database check's state within 40 s of boot");
                Thread.sleep(1000);
                pages.visit("index.xhtml");
            }
            assertEquals("UP", browser.driver.findElement(By.xpath("//tbody[@id='history_data']/tr[td[3]='database']/td[4]")).getText());
            // the server's own four under this node's name, and the remote analytics nodes other tests enrolled on this shared server
            List<String> services = columnTexts(browser, "services", "service-producer");
            assertTrue(services.containsAll(Arrays.stream(ServiceIdentity.values())
                    .map(service -> ProducerName.of(service, VigilDeployment.NODE)).toList()), services.toString());
            // the nodes: this server with every role, the one recorder, alive, with the enabled cameras it owns (the remote
            // analytics nodes other tests enrolled are listed with the role their heartbeats show)
            String node = VigilDeployment.text("SELECT node FROM recorder_node WHERE lease_until > now()");
            String ownedCameras = "SELECT count(*) FROM camera_owner o JOIN camera c ON c.id = o.camera_id WHERE o.node = ? AND c.enabled";
            long ownedBefore = VigilDeployment.count(ownedCameras, node);
            pages.visit("index.xhtml");
            long ownedAfter = VigilDeployment.count(ownedCameras, node);
            List<String> nodeNames = columnTexts(browser, "nodes", "node-name");
            List<String> nodeRoles = columnTexts(browser, "nodes", "node-roles");
            assertEquals("management, recorder, analytics", nodeRoles.get(nodeNames.indexOf(node)), nodeNames + " " + nodeRoles);
            assertEquals(1, browser.driver.findElements(By.cssSelector("#nodes_data tr.node-alive")).size(), "one recorder node");
            assertEquals(node, browser.driver.findElement(By.cssSelector("#nodes_data tr.node-alive .node-name")).getText());
            assertEquals("recording", browser.driver.findElement(By.cssSelector("#nodes_data tr.node-alive .node-state")).getText());
            String nodeCameras = browser.driver.findElement(By.cssSelector("#nodes_data tr.node-alive .node-cameras")).getText();
            assertTrue(nodeCameras.equals(Long.toString(ownedBefore)) || nodeCameras.equals(Long.toString(ownedAfter)),
                    nodeCameras + " cameras shown, " + ownedBefore + " then " + ownedAfter + " owned");
            assertEquals("Vigil VMS " + Platform.VERSION, browser.driver.findElement(By.id("version")).getText());
            browser.driver.executeScript("document.getElementById('controls').scrollIntoView();");
            browser.screenshot("system");
            // events across cameras, each one a way into playback
            pages.visit("events.xhtml");
            new Select(browser.driver.findElement(By.id("events-form:type"))).selectByVisibleText("motion");
            setValue(browser, "events-form:zone", "door");
            browser.click(By.id("events-form:search"));
            // the search's answer replaces the table the page opened with, which lists the same event among
            // others: wait for the answer (every row in the zone), or the link clicked below is one it removes
            browser.settled(Duration.ofSeconds(10));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#events-form\\:rows_data .zone"))
                    .stream().map(WebElement::getText).allMatch("door"::equals)
                    && d.findElements(By.cssSelector("#events-form\\:rows_data .camera")).stream().map(WebElement::getText)
                            .anyMatch("pages"::equals));
            browser.screenshot("events");
            browser.leaveBy(By.xpath("//tbody[@id='events-form:rows_data']/tr[td/span[@class='camera' and text()='pages']]//a[@class='play']"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/playback.xhtml?camera=" + camera + "&at="));
            Instant opened = Instant.parse(URLDecoder.decode(browser.driver.getCurrentUrl().replaceAll(".*&at=", ""),
                    StandardCharsets.UTF_8));
            assertTrue(Math.abs(Duration.between(motion, opened).toMillis()) < 1000, "playback at the event: " + opened);
            pages.visit("camera.xhtml?id=" + camera);
            assertEquals(List.of("System", "Live", "Camera"), pages.crumbs());
            browser.signOut();

            browser.signIn("piet", "Piet-pw-1");
            assertEquals(List.of("System", "Live", "Alarms"), pages.menu(), "an operator of one camera: what he may use");
            for (String page : List.of("index.xhtml", "live.xhtml", "alarms.xhtml", "camera.xhtml?id=" + camera, "settings.xhtml",
                    "account/totp.xhtml")) {
                pages.visitAccessible(page);
            }
            // the system page tells him whether the system is up, and nothing an attacker could use
            pages.visit("index.xhtml");
            assertEquals("UP", browser.driver.findElement(By.id("health")).getText());
            String systemPage = browser.driver.findElement(By.tagName("main")).getText();
            for (String detail : List.of("PostgreSQL", "MiB free", "FFmpeg", "Heartbeats", "Version")) {
                assertFalse(systemPage.contains(detail), "the system page shows an operator '" + detail + "': " + systemPage);
            }
            // the light look, kept for him alone
            pages.visit("live.xhtml?layout=1");
            browser.leaveBy(By.id("theme"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> pages.themed("saga-blue"));
            assertTrue(browser.driver.getCurrentUrl().endsWith("/live.xhtml?layout=1"), "back on his page");
            browser.signOut();
            browser.signIn("piet", "Piet-pw-1");
            pages.visitAccessible("index.xhtml");
            assertTrue(pages.themed("saga-blue"), "the light look again at his next sign-in");
            browser.screenshot("console-light");
            browser.signOut();
            browser.signIn("admin", VigilDeployment.adminPassword());
            pages.visit("index.xhtml");
            assertTrue(pages.themed("arya-blue"), "the administrator's look did not change");
            assertEquals(1, VigilDeployment.count("SELECT count(*) FROM audit_event WHERE actor = 'piet' "
                    + "AND action = 'preference.theme' AND detail = 'LIGHT'"));

            // the audit page finds his choice (the name typed in another case) and gives the CSV (the chain is verified
            // from the page in aCameraIsAddedScheduledAndZoned...)
            pages.visit("audit.xhtml");
            AuditPage audit = new AuditPage(browser);
            audit.search(null, null, null, "yesterday");
            awaitText(browser, "audit-form:from-message", t -> t.startsWith("not a time: write one of UTC such as"), "the bad time told next to its field");
            audit.search("PIET", "preference.theme", null, null);
            browser.waiting(Duration.ofSeconds(10)).until(d -> audit.column("detail").equals(List.of("LIGHT")));
            browser.screenshot("audit");
            String csvPath = browser.driver.findElement(By.id("audit-form:csv")).getDomAttribute("href");
            assertEquals("api/v1/audit/csv?actor=PIET&action=preference.theme", csvPath);
            HttpResponse<String> csv = get(admin, "/" + csvPath);
            assertEquals(200, csv.statusCode());
            assertEquals(2, csv.body().lines().count(), csv.body());
            assertTrue(csv.body().lines().skip(1).allMatch(l -> l.contains(",piet,preference.theme,user:piet,SUCCESS,LIGHT")), csv.body());
            assertEquals(403, get(VigilDeployment.signedIn("piet", "Piet-pw-1"), "/" + csvPath).statusCode(), "not for an operator");

            // a page left open while the session expired: the next search leads to signing in, and back to the page
            pages.visit("audit.xhtml");
            browser.driver.manage().deleteCookieNamed("JSESSIONID");
            browser.click(By.id("audit-form:search"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/login.xhtml?back=%2Faudit.xhtml"));
            browser.signInOnThisPage("admin", VigilDeployment.adminPassword());
            assertEquals(VigilDeployment.BASE + "/audit.xhtml", browser.driver.getCurrentUrl());
            // and a page asked for without a session is the page reached after signing in
            browser.driver.manage().deleteCookieNamed("JSESSIONID");
            browser.driver.get(VigilDeployment.BASE + "/events.xhtml?type=MOTION");
            browser.signInOnThisPage("admin", VigilDeployment.adminPassword());
            assertEquals(VigilDeployment.BASE + "/events.xhtml?type=MOTION", browser.driver.getCurrentUrl());

            // German for a browser that asks for it first
            browser.driver.executeCdpCommand("Network.enable", Map.of());
            browser.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")));
            try {
                pages.visitAccessible("index.xhtml");
                assertEquals("de", browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"));
                assertEquals(List.of("System", "Live", "Alarme", "Ereignisse", "Exporte", "Kameras", "Alarmregeln", "Speicher", "Geräte",
                        "Benutzer und Rechte", "Prüfprotokoll"), pages.menu());
                assertTrue(browser.driver.findElement(By.tagName("h2")).getText().startsWith("Systemzustand: "),
                        browser.driver.findElement(By.tagName("h2")).getText());
                assertEquals("Wie erfüllt, oder was fehlt", browser.driver.findElement(By.cssSelector("#controls th.control-how")).getText());
                browser.signOut();
                pages.visitAccessible("login.xhtml");
                assertEquals("Anmelden", browser.driver.findElement(By.id("signin")).getText());
                pages.visitAccessible("login-error.xhtml?reason=invalid");
                assertEquals("Anmeldung fehlgeschlagen: falscher Benutzername oder falsches Passwort.",
                        browser.driver.findElement(By.id("login-failed")).getText());
            } finally {
                browser.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
            }
            assertEquals(List.of(), pages.findings(), "no console error, CSP refusal or serious accessibility problem");
        }
    }

    @Test
    void aPersonChoosesTheirLanguageAndTimeZoneAndReadsAndTypesTimesInIt() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            VigilTestEnvironment.directory().addUser("zeno", "Zeno-pw-1");
            VigilDeployment.grantToUser(admin, "zeno", "READ_AUDIT", null);
            ConsolePages pages = new ConsolePages(browser);
            browser.signIn("zeno", "Zeno-pw-1");
            browser.leaveBy(By.id("settings"));
            assertEquals(List.of("System", "Settings"), pages.crumbs());

            // a zone that does not exist is told next to its field, and nothing is kept
            setValue(browser, "settings-form:zone_input", "Mars/Olympus");
            browser.click(By.id("settings-form:save"));
            awaitText(browser, "settings-form:zone-message", t -> t.equals("unknown time zone: choose a region from the list, such as Europe/Berlin"),
                    "the unknown zone told next to its field");
            assertEquals(0, VigilDeployment.count("SELECT count(*) FROM audit_event WHERE actor = 'zeno' AND action LIKE 'preference.%'"));

            // German and Kathmandu's time (UTC+05:45), although the browser asks for English
            new Select(browser.driver.findElement(By.id("settings-form:language"))).selectByValue("de");
            setValue(browser, "settings-form:zone_input", "Asia/Kathmandu");
            browser.leaveBy(By.id("settings-form:save"));
            assertEquals("Gespeichert.", browser.driver.findElement(By.id("settings-form:saved")).getText());
            pages.visitAccessible("index.xhtml");
            assertEquals("de", browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"));
            assertTrue(browser.driver.getPageSource().contains("Einstellungen"), "the bar in German");
            // the live page speaks German too, and so does its form's refusal next to the field
            pages.visitAccessible("live.xhtml");
            assertEquals("Keine Kamera, die Sie live sehen dürfen.", browser.driver.findElement(By.id("no-cameras")).getText());
            assertEquals("Ansicht speichern", browser.driver.findElement(By.id("save-view:save")).getText());
            browser.click(By.id("save-view:save"));
            awaitText(browser, "save-view:name-message", t -> t.equals("Eine Ansicht braucht einen Namen."), "a name is asked for in German");
            type(browser, "save-view:name", "<b>Nachtschicht</b>");
            browser.click(By.id("save-view:save"));
            awaitText(browser, "save-view:name-message", t -> t.startsWith("nicht gespeichert: name: 1-100"), "the refusal in German");
            assertEquals(List.of(), browser.problems(), "nothing in the browser's log");

            // the audit page shows his choice at his time and reads the times he types as his
            pages.visitAccessible("audit.xhtml");
            assertEquals("Zeit (Asia/Kathmandu)", browser.driver.findElement(By.cssSelector("#audit-form\\:rows th")).getText());
            setValue(browser, "audit-form:actor", "zeno");
            setValue(browser, "audit-form:action", "preference.zone");
            browser.click(By.id("audit-form:search"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> new AuditPage(browser).column("detail").equals(List.of("Asia/Kathmandu")));
            Instant chosen = VigilDeployment.instant("SELECT event_ts FROM audit_event WHERE actor = 'zeno' AND action = 'preference.zone'");
            ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
            assertEquals(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").format(chosen.atZone(kathmandu)),
                    browser.driver.findElement(By.cssSelector("#audit-form\\:rows_data .time")).getText());
            DateTimeFormatter minutes = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
            String minuteAfter = minutes.format(chosen.plusSeconds(60).atZone(kathmandu));
            setValue(browser, "audit-form:from", minuteAfter);
            browser.click(By.id("audit-form:search"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> new AuditPage(browser).column("detail").isEmpty());
            assertEquals(minuteAfter + ":00", browser.driver.findElement(By.id("audit-form:from")).getDomProperty("value"),
                    "the time typed, shown back in his zone");
            setValue(browser, "audit-form:from", minutes.format(chosen.minusSeconds(60).atZone(kathmandu)));
            browser.click(By.id("audit-form:search"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> new AuditPage(browser).column("detail").equals(List.of("Asia/Kathmandu")));

            // back to the browser's language and UTC; every choice is in the trail
            pages.visit("settings.xhtml");
            assertEquals("Asia/Kathmandu", browser.driver.findElement(By.id("settings-form:zone_input")).getDomProperty("value"));
            new Select(browser.driver.findElement(By.id("settings-form:language"))).selectByValue("");
            setValue(browser, "settings-form:zone_input", "");
            browser.leaveBy(By.id("settings-form:save"));
            assertEquals("Saved.", browser.driver.findElement(By.id("settings-form:saved")).getText());
            assertEquals("en", browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"));
            assertEquals(List.of("preference.language de", "preference.zone Asia/Kathmandu", "preference.language browser", "preference.zone UTC"),
                    VigilDeployment.texts("SELECT action || ' ' || detail FROM audit_event WHERE actor = 'zeno' AND action LIKE 'preference.%' ORDER BY id"));
            assertEquals(List.of(), pages.findings(), "no console error, CSP refusal or serious accessibility problem");
        }
    }

    /**
     * Tessa sets up a second factor from her settings: the enrolment page shows a new key, refuses
     * a wrong first code next to its field (audited) and opens the console on the right one; from
     * then on she signs in with a code, and a new key needs her password.
     */
    @Test
    void aPersonSetsUpASecondFactorFromTheirSettingsAndFromThenOnSignsInWithACode() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            VigilTestEnvironment.directory().addUser("tessa", "Tessa-pw-1");
            browser.signIn("tessa", "Tessa-pw-1");
            ConsolePages pages = new ConsolePages(browser);
            pages.visitAccessible("settings.xhtml");
            assertEquals("Sign-in asks for your password only. Set up a second factor",
                    browser.driver.findElement(By.id("second-factor")).getText());
            browser.leaveBy(By.id("second-factor-link"));
            assertEquals(List.of(), browser.driver.findElements(By.id("totp-form:password")), "no password asked for a first key");
            assertEquals(List.of(), browser.driver.findElements(By.id("totp-required")), "nothing requires it of her");
            browser.click(By.id("totp-form:show"));
            String key = browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.id("totp-secret")).stream()
                    .map(WebElement::getText).filter(t -> !t.isBlank()).findFirst().orElse(null));
            assertTrue(browser.driver.findElement(By.id("totp-uri")).getText().startsWith("otpauth://totp/Vigil:tessa?secret=" + key + "&"));
            assertEquals(List.of(), new ConsolePages(browser).accessibilityProblems(), "the enrolment page with its key, to axe-core");
            byte[] secret = Totp.fromBase32(key);
            long step = Totp.step(System.currentTimeMillis());
            String wrong = Totp.code(secret, step + 5);
            type(browser, "totp-form:code", wrong);
            browser.click(By.id("totp-form:confirm"));
            awaitText(browser, "totp-form:code-message", t -> t.equals("refused: the code does not match"), "a wrong first code");
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE actor = 'tessa' AND action = 'request.rejected' "
                    + "AND target = 'console /account/totp.xhtml confirm the second factor' AND detail = 'the code does not match'"));
            type(browser, "totp-form:code", Totp.code(secret, step));
            browser.leaveBy(By.id("totp-form:confirm"));
            assertEquals(VigilDeployment.BASE + "/index.xhtml", browser.driver.getCurrentUrl(), "the console opens");
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE actor = 'tessa' AND action = 'totp.enabled'"));

            // her password alone no longer signs her in; with the app's next code it does
            browser.signOut();
            browser.driver.get(VigilDeployment.BASE + "/login.xhtml");
            browser.driver.findElement(By.id("username")).sendKeys("tessa");
            browser.driver.findElement(By.id("password")).sendKeys("Tessa-pw-1");
            browser.leaveBy(By.id("signin"));
            assertTrue(browser.driver.getCurrentUrl().contains("login"), "still signing in: " + browser.driver.getCurrentUrl());
            browser.signInWithCode("tessa", "Tessa-pw-1", Totp.code(secret, step + 1));
            pages.visit("settings.xhtml");
            assertEquals("Sign-in asks for a code from your authenticator app. Replace it with a new key",
                    browser.driver.findElement(By.id("second-factor")).getText());
            // a new key replaces the one in force only with her password
            browser.leaveBy(By.id("second-factor-link"));
            browser.click(By.id("totp-form:show"));
            awaitText(browser, "totp-form:password-message", t -> t.equals("refused: the current password is needed to replace the second factor"),
                    "no new key without the password");
            assertEquals(List.of(), browser.driver.findElements(By.id("totp-secret")), "no key shown");
            type(browser, "totp-form:password", "Tessa-pw-1");
            browser.click(By.id("totp-form:show"));
            String replacing = browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.id("totp-secret")).stream()
                    .map(WebElement::getText).filter(t -> !t.isBlank()).findFirst().orElse(null));
            assertFalse(replacing.equals(key), "a new key");
            assertEquals(List.of(), pages.findings(), "no console error or CSP refusal");
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
            long id = playbackGate;
            // recording still (the live grid's test takes other cameras off its tiles) or again
            assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/enable", "").statusCode());
            VigilDeployment.await("5 segments recorded", Duration.ofSeconds(60), () -> recorded(id) >= 5);
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
            new Actions(browser.driver).moveToElement(layer, -200, -50).clickAndHold()
                    .moveByOffset(300, 120).release().perform();
            WebElement results = browser.driver.findElement(By.id("motion-results"));
            browser.waiting(Duration.ofSeconds(60))
                    .until(d -> results.getText().contains("with motion") || results.getText().contains("refused"));
            assertTrue(results.getText().matches("[1-9]\\d* spans? with motion in the region"), results.getText());
            assertTrue(!browser.driver.findElements(By.cssSelector("#timeline .found")).isEmpty(), "found spans on the timeline");
        }
    }

    @AfterEach
    void microphonesOff() {
        fleet.cameras().forEach(c -> c.sendAudio(false));
    }

    @Test
    void playbackStepsBothWaysReversesJumpsToEventsAndOverGapsAndTakesSnapshots() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long id = playbackDesk;
            deskRecorded.get(3, TimeUnit.MINUTES);
            // the live grid's test takes other cameras off its tiles: had it run before, the desk records again (the
            // live snapshot below needs it)
            if (!VigilDeployment.awaitCamera(admin, id, "listed", camera -> true).getBoolean("enabled")) {
                long before = segmentCount(id);
                assertEquals(200, post(admin, "/api/v1/cameras/" + id + "/enable", "").statusCode());
                VigilDeployment.await("recording again", Duration.ofSeconds(60), () -> recorded(id) > before);
            }
            Instant[] gap = gapOf(id);
            Instant at = segmentStart(id, 2).plusMillis(1300);
            // two events, before and after the position, as analytics stores them
            Instant earlier = segmentStart(id, 1).plusMillis(500);
            Instant later = segmentStart(id, 3).plusMillis(700);
            storeEvent(id, earlier);
            storeEvent(id, later);

            // snapshots over the API: the frame on screen at an instant, and the live picture
            HttpResponse<byte[]> shot = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras/" + id
                    + "/snapshot?at=" + at)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, shot.statusCode());
            assertEquals("image/jpeg", shot.headers().firstValue("Content-Type").orElse(""));
            FrameStamp still = readStamp(shot.body());
            assertNotNull(still, "the snapshot shows the burned-in stamp");
            assertEquals(deskCamera.camera(0).config().id(), still.cameraId());
            assertTrue(Math.abs(still.captureTimeMs() - at.toEpochMilli()) <= 300,
                    "snapshot captured " + (still.captureTimeMs() - at.toEpochMilli()) + " ms from the instant asked");
            Instant frameTime = Instant.parse(shot.headers().firstValue("X-Vigil-Frame-Time").orElseThrow());
            assertTrue(!frameTime.isAfter(at) && frameTime.isAfter(at.minusMillis(100)), "frame on screen at " + at + ": " + frameTime);
            HttpResponse<byte[]> live = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras/" + id
                    + "/snapshot")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, live.statusCode());
            FrameStamp now = readStamp(live.body());
            assertNotNull(now, "the live snapshot shows the burned-in stamp");
            assertTrue(Math.abs(now.captureTimeMs() - System.currentTimeMillis()) < 5000, "live snapshot is of now");
            assertEquals(400, get(admin, "/api/v1/cameras/" + id + "/snapshot?at=yesterday").statusCode());
            assertEquals(400, get(admin, "/api/v1/cameras/" + id + "/snapshot?at=2001-01-01T00:00:00Z").statusCode(),
                    "nothing recorded then");
            assertTrue(count("snapshot.taken", "admin") >= 2, "snapshots audited");

            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/playback.xhtml?camera=" + id + "&at=" + at + "&paused=1");
            browser.waiting(Duration.ofSeconds(30)).until(d ->
                    Boolean.TRUE.equals(browser.driver.executeScript("return window.vigilPlayback && window.vigilPlayback.ready;")));
            WebElement video = browser.driver.findElement(By.id("playback"));
            FrameStamp shown = stampShown(video, s -> Math.abs(s.captureTimeMs() - at.toEpochMilli()) <= 1000, "the frame at " + at);

            // frame step back and forward: the picture before, then the same again
            browser.driver.findElement(By.id("step-back")).click();
            long counter = shown.frameCounter();
            stampShown(video, s -> s.frameCounter() == counter - 1, "frame " + (counter - 1));
            browser.driver.findElement(By.id("step")).click();
            stampShown(video, s -> s.frameCounter() == counter, "frame " + counter);
            browser.driver.findElement(By.id("step")).click();
            stampShown(video, s -> s.frameCounter() == counter + 1, "frame " + (counter + 1));

            // the snapshot link takes the position on screen
            WebElement snapshot = browser.driver.findElement(By.id("snapshot"));
            browser.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {cancelable: true}));"
                    + "arguments[0].removeAttribute('download');", snapshot);
            String href = snapshot.getDomAttribute("href");
            assertTrue(href.contains("/cameras/" + id + "/snapshot?at="), href);

            // reverse: backwards one picture per second of recording
            browser.driver.findElement(By.id("reverse")).click();
            Instant reversing = Instant.now().plusSeconds(15);
            while (position(browser).isAfter(at.minusMillis(2000))) {
                assertTrue(Instant.now().isBefore(reversing), "reverse reached " + position(browser));
                Thread.sleep(200);
            }
            browser.driver.findElement(By.id("pause")).click();
            stampShown(video, s -> s.captureTimeMs() < at.toEpochMilli() - 1500, "a picture from before " + at.minusMillis(1500));

            // next and previous event
            browser.driver.findElement(By.id("next-event")).click();
            awaitPosition(browser, later, "next event");
            browser.driver.findElement(By.id("prev-event")).click();
            awaitPosition(browser, earlier, "previous event");

            // next gap: the last picture before it; playing on continues after the gap
            browser.driver.findElement(By.id("next-gap")).click();
            awaitPosition(browser, gap[0].minusMillis(200), "last picture before the gap");
            browser.driver.findElement(By.id("play")).click();
            Instant over = Instant.now().plusSeconds(20);
            while (position(browser).isBefore(gap[1])) {
                assertTrue(Instant.now().isBefore(over), "playback went over the gap " + gap[0] + " .. " + gap[1]
                        + ": at " + position(browser));
                Thread.sleep(200);
            }
            Thread.sleep(1500);
            browser.driver.findElement(By.id("pause")).click();
            stampShown(video, s -> s.captureTimeMs() >= gap[1].toEpochMilli() - 1000, "a picture from after the gap");
            // the recording after the gap has sound: the player took its tracks and played it
            Number sound = (Number) browser.driver.executeScript("return arguments[0].webkitAudioDecodedByteCount;", video);
            assertTrue(sound.longValue() > 0, "sound decoded after the gap: " + sound);
            assertEquals(Boolean.TRUE, browser.driver.executeScript("return arguments[0].muted;", video), "muted until asked");
            browser.driver.findElement(By.id("sound")).click();
            assertEquals(Boolean.FALSE, browser.driver.executeScript("return arguments[0].muted;", video), "the sound button unmutes");
            browser.screenshot("playback-controls");
        }
    }

    @Test
    void theCameraPageCarriesTheLiveSoundMutedUntilAskedForAndThePicturesGoOnWhenTheSoundStops() throws Exception {
        VirtualCamera camera = fleet.camera(3);
        // what most cameras send: the recorder re-encodes it to AAC for the segments, and to Opus for live listeners
        camera.sendAudio(VirtualCamera.Microphone.G711);
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long id = addCamera(admin, "live sound", camera.rtspUrl());
            try {
                VigilDeployment.await("recording", Duration.ofSeconds(60), () -> recorded(id) >= 1);
                // lena may watch the camera but not listen: pictures only, whatever her browser asks for
                VigilTestEnvironment.directory().addUser("lena", "Lena-pw-1");
                VigilDeployment.grantToUser(admin, "lena", "VIEW_LIVE", id);
                browser.signIn("lena", "Lena-pw-1");
                browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
                WebElement hers = browser.driver.findElement(By.id("tile-" + id));
                assertEquals(List.of(), browser.driver.findElements(By.id("sound")), "no sound button without LISTEN");
                FrameStamp start = awaitStamp(browser, hers, null);
                stampShown(hers, s -> s.captureTimeMs() >= start.captureTimeMs() + 3000, "three seconds of live pictures");
                assertEquals(0L, ((Number) browser.driver.executeScript("return arguments[0].webkitAudioDecodedByteCount;",
                        hers)).longValue(), "no sound decoded without LISTEN");
                HttpClient lena = VigilDeployment.signedIn("lena", "Lena-pw-1");
                String ticket = get(lena, "/api/v1/cameras/" + id + "/live").body().replaceAll(".*token=([^\"]+)\".*", "$1");
                String asked = firstText(lena, "/live/" + id + "?token=" + ticket + "&sound=1");
                String tracks = asked.replaceAll(".*\"codec\":\"([^\"]*)\".*", "$1");
                assertTrue(tracks.startsWith("avc1.") && !tracks.contains(","), "a forged sound=1 gets pictures only: " + asked);
                assertEquals(1, VigilDeployment.count("SELECT count(*) FROM audit_event WHERE actor = 'lena' AND action = 'live.sound' "
                        + "AND outcome = 'REJECTED' AND target = ? AND detail = 'lacks LISTEN'", "camera:" + id), "the refusal audited");
                browser.driver.manage().deleteAllCookies();

                browser.signIn("admin", VigilDeployment.adminPassword());
                // the live grid has no sound button: its tiles get the pictures only, which start sooner
                browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=1&cameras=" + id);
                WebElement tile = browser.driver.findElement(By.id("tile-" + id));
                FrameStamp inGrid = awaitStamp(browser, tile, null);
                awaitStamp(browser, tile, inGrid);
                assertEquals(0L, ((Number) browser.driver.executeScript("return arguments[0].webkitAudioDecodedByteCount;",
                        tile)).longValue(), "no sound in the grid");
                browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
                WebElement video = browser.driver.findElement(By.id("tile-" + id));
                FrameStamp first = awaitStamp(browser, video, null);
                VigilDeployment.await("live sound decoded", Duration.ofSeconds(20), () -> ((Number) browser.driver.executeScript(
                        "return arguments[0].webkitAudioDecodedByteCount;", video)).longValue() > 0);
                String codec = (String) browser.driver.executeScript("return arguments[0].vigilStats.codec;", video);
                assertTrue(codec.startsWith("avc1.") && codec.endsWith(",opus"), "pictures and the sound encoded for listening: " + codec);
                assertEquals(Boolean.TRUE, browser.driver.executeScript("return arguments[0].muted;", video), "muted until asked");
                WebElement sound = browser.driver.findElement(By.id("sound"));
                assertEquals("false", sound.getDomAttribute("aria-pressed"));
                sound.click();
                assertEquals(Boolean.FALSE, browser.driver.executeScript("return arguments[0].muted;", video), "listening");
                assertEquals("true", sound.getDomAttribute("aria-pressed"));
                FrameStamp withSound = awaitStamp(browser, video, first);

                // the microphone fails while the pictures go on: a browser would stop where the sound
                // ends, so the live stream goes on with pictures only
                camera.faults().soundLost = true;
                Thread.sleep(LIVE_SOUND_LAPSE_MS + 2000);
                FrameStamp after = awaitStamp(browser, video, withSound);
                Thread.sleep(2000);
                FrameStamp later = awaitStamp(browser, video, after);
                assertTrue(System.currentTimeMillis() - later.captureTimeMs() < 5000,
                        "live pictures after the sound stopped: " + Instant.ofEpochMilli(later.captureTimeMs()));
                browser.screenshot("camera-live-sound");
            } finally {
                camera.faults().soundLost = false;
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    @Test
    void anOperatorWhoMayNotSeeThroughAPrivacyMaskSeesItInTheLivePictureFromTheMomentItIsDrawn() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            fleet.camera(0).sendAudio(true);
            long id = addCamera(admin, "masked live", fleet.camera(0).rtspUrl());
            try {
                VigilDeployment.await("recording", Duration.ofSeconds(60), () -> recorded(id) >= 1);
                VigilTestEnvironment.directory().addUser("nora", "Nora-pw-1");
                for (String right : List.of("VIEW_LIVE", "LISTEN")) {
                    VigilDeployment.grantToUser(admin, "nora", right, id);
                }
                browser.signIn("nora", "Nora-pw-1");
                browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
                WebElement tile = browser.driver.findElement(By.id("tile-" + id));
                awaitStamp(browser, tile, null);
                assertTrue(windowAndBelow(browser, tile)[1] > 60, "no mask yet: nora sees the window");

                // the administrator draws a mask while nora watches: her stream is cut off and
                // reopened as the masked one, with the window black and the rest of the scene
                HttpResponse<String> saved = VigilDeployment.put(admin, "/api/v1/cameras/" + id + "/analytics",
                        PictureRegions.masksOnly(PictureRegions.WINDOW));
                assertEquals(200, saved.statusCode(), saved.body());
                VigilDeployment.await("the mask in nora's live picture", Duration.ofSeconds(40),
                        () -> windowAndBelow(browser, tile)[0] < 40);
                FrameStamp masked = awaitStamp(browser, tile, null);
                awaitStamp(browser, tile, masked);
                double[] live = windowAndBelow(browser, tile);
                assertTrue(live[0] < 40 && live[2] > 60, "the live picture goes on, masked: " + Arrays.toString(live));
                assertEquals(1, VigilDeployment.count("SELECT count(*) FROM audit_event WHERE actor = 'nora' AND action = 'live.ended' "
                        + "AND target = ? AND detail = 'privacy masks apply (lacks VIEW_UNMASKED)'", "camera:" + id));

                // on the page opened again: masked from the start, with the camera's sound, which nora may hear (LISTEN)
                // whether or not she may see through the mask
                browser.driver.navigate().refresh();
                WebElement again = browser.driver.findElement(By.id("tile-" + id));
                FrameStamp first = awaitStamp(browser, again, null);
                assertTrue(windowAndBelow(browser, again)[0] < 40, "masked from the first picture shown");
                assertEquals(1, browser.driver.findElements(By.id("sound")).size(), "the sound button over the masked stream");
                VigilDeployment.await("sound decoded with the masked pictures", Duration.ofSeconds(20), () -> ((Number) browser.driver
                        .executeScript("return arguments[0].webkitAudioDecodedByteCount;", again)).longValue() > 0);
                String codec = (String) browser.driver.executeScript("return arguments[0].vigilStats.codec;", again);
                assertTrue(codec.matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2"),
                        "masked pictures and the camera's AAC as it sends it: " + codec);
                awaitStamp(browser, again, first);
                double[] heard = windowAndBelow(browser, again);
                assertTrue(heard[0] < 40 && heard[2] > 60, "the pictures go on with the sound, masked: " + Arrays.toString(heard));
                browser.screenshot("camera-live-masked");
                browser.driver.manage().deleteAllCookies();

                // whoever holds VIEW_UNMASKED (here the local administrator) sees the window
                browser.signIn("admin", VigilDeployment.adminPassword());
                browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
                WebElement theirs = browser.driver.findElement(By.id("tile-" + id));
                awaitStamp(browser, theirs, null);
                assertTrue(windowAndBelow(browser, theirs)[1] > 60, "the administrator sees through the mask");
            } finally {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    /**
     * The picture the video element shows, as decoded (drawn on a canvas at its own size): the
     * brightest pixel and the mean brightness inside the window (away from its blurred edge),
     * and the mean brightness below it.
     */
    private static double[] windowAndBelow(Browser browser, WebElement video) {
        PictureRegions.Box inside = PictureRegions.WINDOW_BOX.inner(PictureRegions.EDGE);
        PictureRegions.Box below = PictureRegions.BELOW_WINDOW;
        Object result = browser.driver.executeScript("""
                var v = arguments[0];
                if (v.videoWidth !== 640 || v.videoHeight !== 360) { return null; }
                var c = document.createElement('canvas');
                c.width = 640; c.height = 360;
                var g = c.getContext('2d');
                g.drawImage(v, 0, 0);
                function region(b) {
                  var d = g.getImageData(b[0], b[1], b[2] - b[0], b[3] - b[1]).data, max = 0, sum = 0;
                  for (var i = 0; i < d.length; i += 4) {
                    var l = (d[i] * 299 + d[i + 1] * 587 + d[i + 2] * 114) / 1000;
                    max = Math.max(max, l); sum += l;
                  }
                  return [max, sum / (d.length / 4)];
                }
                var inside = region(arguments[1]), below = region(arguments[2]);
                return [inside[0], inside[1], below[1]];""", video,
                List.of(inside.left(), inside.top(), inside.right(), inside.bottom()),
                List.of(below.left(), below.top(), below.right(), below.bottom()));
        if (!(result instanceof List<?> values)) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN}; // no picture of the cameras' size yet: no comparison holds
        }
        return values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** LiveFeed.SOUND_LAPSE_MS: sound missing this long while pictures come is taken as stopped. */
    private static final long LIVE_SOUND_LAPSE_MS = 2000;

    @Test
    void aCameraIsAddedScheduledAndZonedAGroupIsGrantedItItsOperatorWatchesItAndTheAuditShowsEachStep() throws Exception {
        try (Browser browser = Browser.start(1280, 900)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            browser.signIn("admin", VigilDeployment.adminPassword());
            CamerasPage cameras = CamerasPage.open(browser);
            cameras.add();
            type(browser, "camera-form:name", "admin page cam");
            type(browser, "camera-form:site", "north gate");
            type(browser, "camera-form:url", fleet.camera(0).rtspUrl());
            type(browser, "camera-form:username", "admin");
            type(browser, "camera-form:password", "not-the-password");
            cameras.dialogButton("test");
            awaitText(browser, "camera-form:result", t -> t.startsWith("unauthorized:"), "a wrong password is named as such");
            type(browser, "camera-form:password", CAMERA_PASSWORD);
            cameras.dialogButton("test");
            awaitText(browser, "camera-form:result", t -> t.startsWith("connected: h264 640x360"), "the stream's format is shown");
            long before = countRows("SELECT count(*) FROM camera");
            type(browser, "camera-form:url", "http://127.0.0.1/not-rtsp");
            cameras.dialogButton("save");
            awaitText(browser, "camera-form:result", t -> t.equals("refused: streamUrl must start with rtsp:// or rtsps://"),
                    "bad address refused");
            assertEquals(before, countRows("SELECT count(*) FROM camera"), "nothing stored");
            type(browser, "camera-form:url", fleet.camera(0).rtspUrl());
            cameras.dialogButton("save");
            awaitText(browser, "camera-form:result", t -> t.startsWith("refused: a plain transport"), "plain RTSP needs an explicit acceptance");
            assertEquals(before, countRows("SELECT count(*) FROM camera"), "nothing stored");
            browser.click(By.id("camera-form:insecure"));
            cameras.dialogButton("save");
            awaitText(browser, "cameras-form:outcome", t -> t.equals("added admin page cam"), "camera added");
            cameras.awaitDialogClosed();
            long id = countRows("SELECT id FROM camera WHERE name = 'admin page cam'");
            cameras.awaitHealth(id, h -> h.startsWith("online"), Duration.ofSeconds(30));
            browser.screenshot("cameras");
            // the site tree shows the new site with its one camera, and choosing it leaves only that site's cameras
            cameras.chooseSite("north gate (1)");
            browser.waiting(Duration.ofSeconds(10)).until(d -> cameras.names().equals(List.of("admin page cam")));
            // the name filter finds it in any case; a name that no camera has empties the table
            cameras.chooseSite(null);
            cameras.filter("name", "ADMIN PAGE");
            browser.waiting(Duration.ofSeconds(10)).until(d -> cameras.names().equals(List.of("admin page cam")));
            cameras.filter("name", "no camera is called this");
            browser.waiting(Duration.ofSeconds(10)).until(d -> cameras.names().isEmpty());
            cameras.filter("name", "");

            // changed: name and keep-time; the stored password stays when the field is left blank
            cameras.edit(id);
            assertEquals("admin page cam", browser.driver.findElement(By.id("camera-form:name")).getAttribute("value"));
            assertEquals("", browser.driver.findElement(By.id("camera-form:password")).getAttribute("value"));
            type(browser, "camera-form:name", "admin page cam renamed");
            type(browser, "camera-form:keep", "7");
            // pinned to the one recorder node there is (others may be known from earlier tests)
            Select recorder = new Select(browser.driver.findElement(By.id("camera-form:recorder")));
            assertEquals("", recorder.getFirstSelectedOption().getDomAttribute("value"), "any recorder node, at first");
            recorder.selectByValue("vigil-1");
            cameras.dialogButton("test");
            awaitText(browser, "camera-form:result", t -> t.startsWith("connected:"), "the stored password is used for the test");
            cameras.dialogButton("save");
            awaitText(browser, "cameras-form:outcome", t -> t.equals("changed admin page cam renamed"), "camera changed");
            assertTrue(count("camera.changed", "admin") >= 1, "change audited");
            assertEquals(7 * 86400, countRows("SELECT retention_max_age_s FROM camera WHERE id = " + id));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'camera.retention' AND target = 'camera:" + id + "'"),
                    "the keep-time change audited once; the unchanged recording plan not at all");
            assertEquals(0, countRows("SELECT count(*) FROM audit_event WHERE action = 'camera.recording.mode' AND target = 'camera:" + id + "'"));
            assertEquals(1, countRows("SELECT count(*) FROM camera WHERE recorder_pin = 'vigil-1' AND id = " + id));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'camera.pinned' AND detail = 'vigil-1' "
                    + "AND target = 'camera:" + id + "'"), "the pin audited once");
            // analytics: a detection zone drawn on the live picture (named first: told next to the field), a privacy mask
            // typed in percent; saved as a new signed version, which the dialog opens with the next time
            cameras.openAnalytics(id);
            cameras.drawOnPicture(0.5, 0.2, 0.9, 0.8);
            assertEquals(50, Double.parseDouble(cameras.analyticsField("left")), 1.0, "the drag's left edge, in percent");
            assertEquals(60, Double.parseDouble(cameras.analyticsField("height")), 1.0, "the drag's height, in percent");
            cameras.analyticsButton("add-region");
            awaitText(browser, "analytics-form:region-name-message",
                    t -> t.equals("A detection zone needs a name (events and alarm rules name it)."), "a zone needs a name");
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE actor = 'admin' AND action = 'request.rejected' "
                    + "AND target = 'console /cameras.xhtml draw analytics region'"));
            cameras.typeAnalytics("region-name", "gate");
            cameras.analyticsButton("add-region");
            browser.waiting(Duration.ofSeconds(10)).until(d -> cameras.regionNames("zones").equals(List.of("gate")));
            new Select(browser.driver.findElement(By.id("analytics-form:kind"))).selectByValue("MASK");
            cameras.typeAnalytics("region-name", "neighbour");
            for (String[] side : new String[][] {{"left", "5"}, {"top", "55"}, {"width", "20"}, {"height", "25"}}) {
                cameras.typeAnalytics(side[0], side[1]);
            }
            cameras.analyticsButton("add-region");
            browser.waiting(Duration.ofSeconds(10)).until(d -> cameras.regionNames("masks").equals(List.of("neighbour")));
            assertEquals(2, browser.driver.findElements(By.cssSelector("#analytics-canvas .drawn")).size(), "both over the picture");
            browser.click(By.id("analytics-form:enabled"));
            cameras.typeAnalytics("sensitivity", "60");
            browser.driver.executeScript("document.getElementById('analytics-canvas').scrollIntoView();");
            browser.screenshot("camera-analytics");
            assertEquals(List.of(), new ConsolePages(browser).accessibilityProblems(), "the analytics dialog, to axe-core");
            cameras.analyticsButton("save");
            awaitText(browser, "cameras-form:analytics-saved",
                    t -> t.equals("analytics of admin page cam renamed: version 1 signed and sent"), "analytics saved");
            JsonObject analytics = VigilDeployment.json(get(VigilDeployment.signedIn("admin", VigilDeployment.adminPassword()),
                    "/api/v1/cameras/" + id + "/analytics")).asJsonObject();
            assertTrue(analytics.getBoolean("enabled"));
            assertEquals(60, analytics.getInt("sensitivity"));
            JsonObject zone = analytics.getJsonArray("zones").getJsonObject(0);
            assertEquals("gate", zone.getString("name"));
            assertEquals(0.5, zone.getJsonNumber("x").doubleValue(), 0.01);
            assertEquals(0.4, zone.getJsonNumber("width").doubleValue(), 0.01);
            JsonObject mask = analytics.getJsonArray("masks").getJsonObject(0);
            assertEquals(List.of(0.05, 0.55, 0.2, 0.25), List.of(mask.getJsonNumber("x").doubleValue(), mask.getJsonNumber("y").doubleValue(),
                    mask.getJsonNumber("width").doubleValue(), mask.getJsonNumber("height").doubleValue()));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'analytics.configured' AND target = 'camera:" + id + "'"));
            cameras.openAnalytics(id);
            assertEquals(List.of("gate"), cameras.regionNames("zones"), "the version in force, as saved");
            cameras.closeAnalytics();

            // a weekly timetable ticked hour by hour: the timetable follows the ticks and is what is kept
            cameras.edit(id);
            cameras.recordingMode("SCHEDULED");
            cameras.tick("Monday 07:00");
            cameras.tick("Monday 08:00");
            cameras.tick("Tuesday 07:00");
            assertEquals("MON 07:00-09:00, TUE 07:00-08:00", browser.driver.findElement(By.id("camera-form:schedule")).getAttribute("value"));
            browser.screenshot("camera-schedule");
            assertEquals(List.of(), new ConsolePages(browser).accessibilityProblems(), "the dialog with its week, to axe-core");
            cameras.dialogButton("save");
            cameras.awaitDialogClosed();
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("#cameras-form\\:table_data tr.camera-" + id
                    + " td.recording-mode")).getText().equals("scheduled: MON 07:00-09:00, TUE 07:00-08:00 (UTC)"));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'camera.recording.mode' AND target = 'camera:" + id
                    + "' AND detail = 'SCHEDULED MON 07:00-09:00, TUE 07:00-08:00 (UTC)'"));
            cameras.awaitHealth(id, h -> h.startsWith("online"), Duration.ofSeconds(30));

            // the directory group gate-crew is granted live view on it, its name suggested by the directory as it is typed
            VigilTestEnvironment.directory().addUser("gwen", "Gwen-pw-1");
            VigilTestEnvironment.directory().addToGroup("gwen", "gate-crew");
            browser.driver.get(VigilDeployment.BASE + "/directory.xhtml");
            assertEquals("GROUP", new Select(browser.driver.findElement(By.id("grant-form:kind"))).getFirstSelectedOption().getDomAttribute("value"));
            type(browser, "grant-form:subject_input", "gate-c");
            browser.click(By.xpath("//*[@id='grant-form:subject_panel']//li[@data-item-value='gate-crew']"));
            new Select(browser.driver.findElement(By.id("grant-form:right"))).selectByVisibleText("VIEW_LIVE");
            new Select(browser.driver.findElement(By.id("grant-form:camera"))).selectByVisibleText("admin page cam renamed");
            browser.click(By.id("grant-form:add"));
            awaitText(browser, "grant-form:result", t -> t.equals("granted VIEW_LIVE to gate-crew"), "the group's grant");

            // gwen, of that group, finds the camera in her live page's tree, drags it onto the grid and watches it
            browser.signOut();
            browser.signIn("gwen", "Gwen-pw-1");
            LivePage live = new LivePage(browser);
            live.open("?layout=2&cameras=0");
            assertEquals(List.of("admin page cam renamed"), live.treeCameras(), "what her group may watch, and nothing else");
            live.drag(id, 1);
            assertTrue(browser.driver.getCurrentUrl().endsWith("cameras=0," + id + ",0,0"), browser.driver.getCurrentUrl());
            assertNotNull(awaitStamp(browser, browser.driver.findElement(By.id("tile-" + id)), null), "the camera plays on her grid");

            // the audit page shows each of those steps on the camera, and the grant, and verifies the chain
            browser.signOut();
            browser.signIn("admin", VigilDeployment.adminPassword());
            AuditPage audit = AuditPage.open(browser);
            audit.search("admin", null, "camera:" + id, null);
            List<String> steps = VigilDeployment.texts("SELECT action FROM audit_event WHERE actor = 'admin' AND target = ? ORDER BY id DESC",
                    "camera:" + id);
            assertTrue(steps.containsAll(List.of("camera.added", "camera.changed", "camera.retention", "analytics.configured",
                    "camera.recording.mode")) && steps.get(steps.size() - 1).equals("camera.added"), "every step, newest first: " + steps);
            browser.waiting(Duration.ofSeconds(10)).until(d -> audit.column("action").equals(steps));
            audit.search("admin", "rights.granted", "GROUP:gate-crew", null);
            browser.waiting(Duration.ofSeconds(10)).until(d -> audit.column("detail").equals(List.of(
                    "VIEW_LIVE on camera " + id + " by admin")));
            audit.verifyAsTheServerDoes(VigilDeployment.signedIn("admin", VigilDeployment.adminPassword()));

            CamerasPage again = CamerasPage.open(browser);
            again.press(id, "disable");
            again.awaitHealth(id, "disabled"::equals, Duration.ofSeconds(10));

            // without MANAGE_CAMERAS the same requests are refused by the server
            VigilTestEnvironment.directory().addUser("oskar", "Oskar-pw-1");
            HttpClient oskar = VigilDeployment.signedIn("oskar", "Oskar-pw-1");
            assertEquals(403, post(oskar, "/api/v1/cameras/test", "{\"name\":\"x\",\"streamUrl\":\"" + fleet.camera(0).rtspUrl()
                    + "\"}").statusCode());
            assertEquals(403, post(oskar, "/api/v1/cameras/" + id + "/enable", "").statusCode());
            assertEquals(403, get(oskar, "/api/v1/storage/volumes").statusCode());
        }
    }

    @Test
    void anAdministratorAddsAVolumeSetsItsQuotaTakesItOutOfServiceAndLocksAndReleasesEvidence() throws Exception {
        try (Browser browser = Browser.start(1280, 900)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long camera = VigilDeployment.addCamera(admin, "storage dock", "rtsp://127.0.0.1:9/none", "unused-password");
            browser.signIn("admin", VigilDeployment.adminPassword());
            StoragePage storage = StoragePage.open(browser);

            // a volume with a quota of 1 GB: written after the default one, so nothing is on it yet
            String path = Path.of(System.getProperty("vigil.it.dir"), "volume-console").toAbsolutePath().toString();
            assertEquals("refused: path must be an absolute, normalised directory path", storage.addVolume("console", "srv/x", "1"));
            assertEquals("added console", storage.addVolume("console", path, "1"));
            long volume = countRows("SELECT id FROM storage_volume WHERE name = 'console'");
            try {
                assertEquals("active", storage.volumeCell(volume, "state"));
                assertEquals("1.00 GB", storage.volumeCell(volume, "room"), "the quota is its room: the disk has more");
                assertEquals("0 %", storage.volumeCell(volume, "fill"));
                assertEquals("measuring", storage.volumeCell(volume, "days-left"), "no forecast before a minute of samples");
                assertEquals("quota of console set", storage.setQuota(volume, "0.5"));
                storage.awaitVolumeCell(volume, "room", "512.0 MB"::equals);
                assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'volume.changed' AND target = 'volume:console'"
                        + " AND detail = 'quota 536870912, state ACTIVE'"));
            } finally {
                assertEquals("console is out of service", storage.pressVolume(volume, "disable"));
            }
            assertEquals("out of service: set by admin", storage.volumeCell(volume, "state"));
            assertEquals("DISABLED", VigilDeployment.texts("SELECT state FROM storage_volume WHERE id = " + volume).get(0));

            // an evidence lock over the last hour (the form's start), listed, then released after confirming
            assertEquals("locked", storage.lock(camera, null, null, "case 4711 console"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(storage.lockRow("case 4711 console")).size() == 1);
            browser.screenshot("storage");
            assertEquals(1, countRows("SELECT count(*) FROM evidence_lock WHERE reason = 'case 4711 console' AND created_by = 'admin'"
                    + " AND to_ts - from_ts = interval '1 hour'"));
            long lock = countRows("SELECT id FROM evidence_lock WHERE reason = 'case 4711 console'");
            assertEquals("evidence lock " + lock + " released", storage.release("case 4711 console"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(storage.lockRow("case 4711 console")).isEmpty());
            assertEquals(1, countRows("SELECT count(*) FROM evidence_lock WHERE reason = 'case 4711 console' AND released_by = 'admin'"));

            // with four eyes, a deletion asked here waits; a second administrator rejects it (with a reason) and approves the next
            VigilTestEnvironment.directory().addUser("sven", "Sven-pw-1");
            VigilDeployment.grantToUser(admin, "sven", "MANAGE_CAMERAS", null);
            VigilDeployment.setServerProperty(management, "vigil.four.eyes", "recording.delete");
            try (Browser second = Browser.start(1280, 900)) {
                assertTrue(storage.delete(camera, null, null, "privacy request 12").startsWith("delete recordings of camera " + camera
                        + " from "), "held, not refused");
                String asked = VigilDeployment.texts("SELECT id FROM approval_request WHERE state = 'PENDING' AND summary LIKE "
                        + "'%(privacy request 12)'").get(0);
                second.signIn("sven", "Sven-pw-1");
                StoragePage decider = StoragePage.open(second);
                assertEquals("refused: a comment (why) is required, at most 1024 characters", decider.reject(asked, ""));
                assertEquals("rejected: " + summary(asked), decider.reject(asked, "no ticket"));
                decider.awaitNoApproval(asked);
                assertEquals("REJECTED", VigilDeployment.texts("SELECT state FROM approval_request WHERE id = '" + asked + "'").get(0));

                storage.delete(camera, null, null, "privacy request 13");
                String again = VigilDeployment.texts("SELECT id FROM approval_request WHERE state = 'PENDING' AND summary LIKE "
                        + "'%(privacy request 13)'").get(0);
                decider = StoragePage.open(second);
                assertEquals("approved: " + summary(again), decider.approve(again));
                assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'approval.approved' AND actor = 'sven'"
                        + " AND detail LIKE 'recording.delete asked by admin: %(privacy request 13)'"));
            } finally {
                VigilDeployment.setServerProperty(management, "vigil.four.eyes", null);
            }
        }
    }

    private static String summary(String approval) {
        return VigilDeployment.texts("SELECT summary FROM approval_request WHERE id = '" + approval + "'").get(0);
    }

    @Test
    void consoleFormsRefuseBadInputWithTheReasonStoreNothingAndShowUserTextAsText() throws Exception {
        try (Browser browser = Browser.start(1280, 900)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long camera = VigilDeployment.addCamera(admin, "bad input gate", "rtsp://127.0.0.1:9/none", "unused-password");
            long rejectedBefore = countRows("SELECT count(*) FROM audit_event WHERE action = 'request.rejected'");
            long camerasBefore = countRows("SELECT count(*) FROM camera");
            browser.signIn("admin", VigilDeployment.adminPassword());

            // cameras: markup, SQL quoting and an oversized name; a file address
            CamerasPage cameras = CamerasPage.open(browser);
            cameras.add();
            String consoleAdd = "SELECT count(*) FROM audit_event WHERE action = 'request.rejected' AND actor = 'admin'"
                    + " AND target = 'console /cameras.xhtml add'";
            long consoleAddsRefused = countRows(consoleAdd);
            String[][] cases = {
                {"<img src=x onerror=alert(1)>", "rtsp://127.0.0.1:9/a", "refused: name: 1-128 letters"},
                {"x' OR '1'='1", "rtsp://127.0.0.1:9/a", "refused: name: 1-128 letters"},
                // the page's server side keeps the field's maxlength (cut to 128), so the name passes and the transport is refused
                {"n".repeat(300), "rtsp://127.0.0.1:9/a", "refused: a plain transport"},
                {"file cam", "file:///etc/passwd", "refused: streamUrl must start with rtsp:// or rtsps://"},
            };
            for (String[] c : cases) {
                setValue(browser, "camera-form:name", c[0]); // beyond maxlength too: a crafted request does not obey it
                setValue(browser, "camera-form:url", c[1]);
                cameras.dialogButton("save");
                awaitText(browser, "camera-form:result", t -> t.startsWith(c[2]), c[0] + " refused");
                browser.driver.executeScript("arguments[0].textContent = '';", browser.driver.findElement(By.id("camera-form:result")));
            }
            assertEquals(camerasBefore, countRows("SELECT count(*) FROM camera"), "no camera stored");
            assertEquals(consoleAddsRefused + cases.length, countRows(consoleAdd), "each refusal on the page audited once");

            // live view: a view name with markup
            browser.driver.get(VigilDeployment.BASE + "/live.xhtml");
            type(browser, "save-view:name", "<script>alert(1)</script>");
            browser.click(By.id("save-view:save"));
            awaitText(browser, "save-view:name-message", t -> t.startsWith("not saved: name: 1-100"), "view");
            assertEquals(0, countRows("SELECT count(*) FROM saved_view WHERE name LIKE '%script%'"));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'request.rejected' AND target = "
                    + "'console /live.xhtml save view' AND detail LIKE 'name: 1-100%'"), "the refusal audited");

            // storage: a lock ending before it starts is refused and audited; a reason with markup is kept and shown as text
            StoragePage storage = StoragePage.open(browser);
            assertEquals("refused: an evidence lock needs from < to", storage.lock(camera, "2026-01-02 00:00", "2026-01-01 00:00",
                    "backwards"));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'request.rejected'"
                    + " AND target = 'console /storage.xhtml lock' AND detail = 'an evidence lock needs from < to'"));
            String markup = "<img id='xss-probe' src=x onerror=alert(1)> case 9";
            assertEquals("locked", storage.lock(camera, "2026-01-02 00:00", "2026-01-03 00:00", markup));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(storage.lockRow(markup)).size() == 1);
            assertTrue(browser.driver.findElements(By.id("xss-probe")).isEmpty(), "the reason is text, not markup");

            // devices: a path as a device name, garbage as a request
            browser.driver.get(VigilDeployment.BASE + "/devices.xhtml");
            type(browser, "device-form:name", "../../etc/passwd");
            setValue(browser, "device-form:csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----");
            browser.click(By.id("device-form:enrol"));
            awaitText(browser, "device-form:result", t -> t.startsWith("refused: device name"), "device");
            type(browser, "device-form:name", "ws-garbage");
            browser.click(By.id("device-form:enrol"));
            awaitText(browser, "device-form:result",
                    t -> t.startsWith("refused: unreadable certificate signing request") || t.startsWith("refused: not a PEM"),
                    "garbage CSR");
            assertEquals(0, countRows("SELECT count(*) FROM device_certificate WHERE device_name LIKE '%garbage%' OR device_name LIKE '%passwd%'"));
            // a real request: the certificate is shown to copy onto the device, listed, and revoked with a reason
            type(browser, "device-form:name", "console-ws");
            setValue(browser, "device-form:csr", DeviceRequest.make("console-ws").csrPem());
            browser.click(By.id("device-form:enrol"));
            awaitText(browser, "device-form:result", t -> t.startsWith("issued to console-ws, serial "), "device enrolled");
            assertTrue(browser.driver.findElement(By.id("device-certificate")).getText().startsWith("-----BEGIN CERTIFICATE-----"));
            By device = By.xpath("//tbody[@id='devices-form:devices_data']/tr[td[1]='console-ws']");
            browser.click(By.xpath("//tbody[@id='devices-form:devices_data']/tr[td[1]='console-ws']//button[contains(@class,'revoke')]"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("revoke-form:reason")).isDisplayed());
            type(browser, "revoke-form:reason", "lost on the train");
            browser.click(By.id("revoke-form:revoke"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(device).getText().contains("revoked by admin: lost on the train"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("revoke-dialog")).isDisplayed()
                    && d.findElements(By.cssSelector(".ui-widget-overlay")).stream().noneMatch(WebElement::isDisplayed));

            // node keys: a proof made for another name is refused; the node's own is enrolled, listed and revoked with a reason
            KeyPair nodeKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            JsonObject enrolment = NodeKey.enrolment("svc-analytics@console-node", nodeKeys);
            type(browser, "node-key-form:producer", enrolment.getString("producer"));
            setValue(browser, "node-key-form:public", enrolment.getString("publicKey"));
            setValue(browser, "node-key-form:proof", NodeKey.enrolment("svc-analytics@elsewhere", nodeKeys).getString("proof"));
            browser.click(By.id("node-key-form:enrol"));
            awaitText(browser, "node-key-form:result",
                    t -> t.equals("refused: the proof is not a signature of this key over the producer's name"), "proof for another name");
            setValue(browser, "node-key-form:proof", enrolment.getString("proof"));
            browser.click(By.id("node-key-form:enrol"));
            awaitText(browser, "node-key-form:result", t -> t.startsWith("enrolled svc-analytics@console-node"), "enrolment");
            By nodeKey = By.xpath("//tbody[@id='node-keys-form:keys_data']/tr[td[1]='svc-analytics@console-node']");
            assertTrue(browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(nodeKey)).getText().contains("by admin"));
            browser.click(By.xpath("//tbody[@id='node-keys-form:keys_data']/tr[td[1]='svc-analytics@console-node']//button[contains(@class,'revoke')]"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("revoke-form:reason")).isDisplayed());
            browser.click(By.id("revoke-form:revoke"));
            awaitText(browser, "revoke-form:result", t -> t.equals("refused: a reason is required (at most 512 characters)"),
                    "a revocation without a reason");
            type(browser, "revoke-form:reason", "retired in the console test");
            browser.click(By.id("revoke-form:revoke"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(nodeKey).getText().contains("retired in the console test"));
            assertEquals(1, countRows("SELECT count(*) FROM service_key WHERE producer = 'svc-analytics@console-node' AND revoked_by = 'admin'"));

            // a joining node's key, asked for as the node does at start, is approved by the fingerprint listed
            KeyPair joining = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            try (Connection c = VigilDeployment.database(); PreparedStatement ask = c.prepareStatement(
                    "INSERT INTO producer_key_request (producer, algorithm, public_key, requested_ts) VALUES ('svc-recorder@console-join', 'Ed25519', ?, now())")) {
                ask.setBytes(1, joining.getPublic().getEncoded());
                ask.executeUpdate();
            }
            browser.driver.get(VigilDeployment.BASE + "/devices.xhtml");
            By asked = By.xpath("//tbody[@id='node-keys-form:requests_data']/tr[td[1]='svc-recorder@console-join']");
            String fingerprint = "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(joining.getPublic().getEncoded()), 0, 16);
            assertEquals(fingerprint, browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(asked))
                    .findElement(By.cssSelector("td.fingerprint")).getText());
            browser.click(By.xpath("//tbody[@id='node-keys-form:requests_data']/tr[td[1]='svc-recorder@console-join']//button[contains(@class,'approve')]"));
            awaitText(browser, "node-key-form:result", t -> t.equals("approved svc-recorder@console-join (" + fingerprint + ")"), "approval");
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(asked).isEmpty());
            assertEquals(1, countRows("SELECT count(*) FROM service_key WHERE producer = 'svc-recorder@console-join' AND enrolled_by = 'admin' "
                    + "AND revoked_ts IS NULL"));

            assertTrue(countRows("SELECT count(*) FROM audit_event WHERE action = 'request.rejected'") >= rejectedBefore + 8,
                    "every refusal audited");
        }
    }

    @ArquillianResource
    private ManagementClient management;

    /** The texts of one column (by its style class) of a PrimeFaces table, top to bottom. */
    private static List<String> columnTexts(Browser browser, String table, String column) {
        return browser.driver.findElements(By.cssSelector("#" + table + "_data td." + column)).stream().map(WebElement::getText).toList();
    }

    /** A control's state and how it is met, from the system page. */
    private static List<String> control(Browser browser, String id) {
        WebElement row = browser.driver.findElement(By.xpath("//tbody[@id='controls_data']/tr[td[1]='" + id + "']"));
        return List.of(row.findElement(By.cssSelector("td.control-state")).getText(), row.findElement(By.cssSelector("td.control-how")).getText());
    }

    private static void setValue(Browser browser, String id, String value) {
        browser.driver.executeScript("arguments[0].value = arguments[1];", browser.driver.findElement(By.id(id)), value);
    }

    @Test
    void anAdministratorBrowsesTheDirectoryGrantsAGroupARightAndSeesWhereAUsersRightsComeFrom() throws Exception {
        try (Browser browser = Browser.start(1280, 900)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long dock = VigilDeployment.addCamera(admin, "directory dock", "rtsp://127.0.0.1:9/none", "unused-password");
            VigilTestEnvironment.directory().addUser("dora", "Dora-pw-1");
            VigilTestEnvironment.directory().addToGroup("dora", "dock-crew");
            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/directory.xhtml");
            // the grant's name is suggested from the directory as it is typed
            type(browser, "grant-form:subject_input", "dock-c");
            browser.click(By.xpath("//*[@id='grant-form:subject_panel']//li[@data-item-value='dock-crew']"));
            assertEquals("dock-crew", browser.driver.findElement(By.id("grant-form:subject_input")).getDomProperty("value"));
            type(browser, "grant-form:subject_input", "someone else");
            // searching the directory; a group's Grant... puts its name into the form
            type(browser, "directory-form:query", "do");
            browser.click(By.id("directory-form:search"));
            browser.waiting(Duration.ofSeconds(15)).until(d ->
                    !d.findElements(By.xpath("//tbody[@id='directory-form:groups_data']/tr[td[1]='dock-crew']")).isEmpty());
            assertEquals(1, browser.driver.findElements(By.xpath("//tbody[@id='directory-form:users_data']/tr[td[1]='dora']")).size(),
                    "dora listed");
            browser.click(By.xpath("//tbody[@id='directory-form:groups_data']/tr[td[1]='dock-crew']//button[contains(@class,'grant')]"));
            browser.waiting(Duration.ofSeconds(10)).until(d ->
                    "dock-crew".equals(d.findElement(By.id("grant-form:subject_input")).getDomProperty("value")));
            new Select(browser.driver.findElement(By.id("grant-form:right"))).selectByVisibleText("VIEW_LIVE");
            new Select(browser.driver.findElement(By.id("grant-form:camera"))).selectByVisibleText("directory dock");
            browser.click(By.id("grant-form:add"));
            awaitText(browser, "grant-form:result", t -> t.equals("granted VIEW_LIVE to dock-crew"), "grant");
            browser.click(By.xpath("//tbody[@id='directory-form:users_data']/tr[td[1]='dora']//button[contains(@class,'rights')]"));
            WebElement rights = browser.waiting(Duration.ofSeconds(10)).until(d ->
                    d.findElements(By.xpath("//tbody[@id='directory-form:effective_data']/tr[td[text()='VIEW_LIVE'] and td[text()='directory dock (camera " + dock + ")']]"))
                            .stream().findFirst().orElse(null));
            assertTrue(rights.getText().contains("to group dock-crew"), "the source is named: " + rights.getText());
            assertTrue(browser.driver.findElement(By.id("rights-groups")).getText().contains("dock-crew"));
            browser.screenshot("directory");

            // dora signs in and holds exactly that; the search text is a value, never filter syntax; no MANAGE_USERS: 403
            HttpClient dora = VigilDeployment.signedIn("dora", "Dora-pw-1");
            assertEquals(200, get(dora, "/api/v1/cameras/" + dock + "/live").statusCode(), "the group's right at sign-in");
            assertEquals(403, get(dora, "/api/v1/directory/users?q=do").statusCode());
            HttpResponse<String> injected = get(admin, "/api/v1/directory/users?q=" + URLEncoder.encode("*)(uid=*",
                    StandardCharsets.UTF_8));
            assertEquals(200, injected.statusCode(), injected.body());
            assertEquals("[]", injected.body(), "filter syntax in the search text matches nothing");
            assertTrue(count("directory.searched", "admin") >= 2, "searches audited");
        }
    }

    /**
     * Vera composes a view in the console, watches one of its tiles full screen and shares the view
     * with her directory group; Walt, in the same group, opens it with the tiles he may watch;
     * someone outside the group cannot, and only Vera may replace or delete it. A share with a group
     * she is not in is refused and audited.
     */
    @Test
    void anOperatorComposesAViewWatchesATileFullScreenAndSharesItWithHerGroup() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long lobby = addCamera(admin, "view lobby", fleet.camera(2).rtspUrl());
            long dock = addCamera(admin, "view dock", fleet.camera(3).rtspUrl());
            long vault = addCamera(admin, "view vault", fleet.camera(1).rtspUrl());
            VigilTestEnvironment.directory().addUser("vera", "Vera-pw-1");
            VigilTestEnvironment.directory().addUser("walt", "Walt-pw-1");
            VigilTestEnvironment.directory().addToGroup("vera", "dock-watch");
            VigilTestEnvironment.directory().addToGroup("walt", "dock-watch");
            for (long camera : new long[] {lobby, dock}) {
                assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"vera\","
                        + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + camera + "}").statusCode());
            }
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"walt\","
                    + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + dock + "}").statusCode());
            browser.signIn("vera", "Vera-pw-1");
            // the dock dragged from the camera tree onto the first tile, the lobby chosen in the second tile's list
            LivePage live = new LivePage(browser);
            live.open("?layout=2&cameras=" + lobby);
            assertEquals(List.of("view dock", "view lobby"), live.treeCameras(), "the tree holds the cameras vera may watch, and no other");
            live.drag(dock, 0);
            assertTrue(browser.driver.getCurrentUrl().contains("cameras=" + dock + ",0,0,0"), browser.driver.getCurrentUrl());
            assertEquals("false", browser.driver.findElement(By.id("camera-tree")).getDomProperty("hidden"),
                    "the tree stays open across the reload");
            WebElement swap = browser.driver.findElement(By.cssSelector("figure[data-index='1'] select.swap"));
            assertEquals(List.of("0"), new Select(swap).getOptions().stream().map(o -> o.getDomAttribute("value")).toList(),
                    "an empty tile's list holds nothing but 'empty' until it is used");
            swap.click();
            assertEquals(List.of("0", String.valueOf(dock), String.valueOf(lobby)),
                    new Select(swap).getOptions().stream().map(o -> o.getDomAttribute("value")).toList(),
                    "used, it offers the cameras vera may watch, and no other");
            new Select(swap).selectByValue(String.valueOf(lobby));
            browser.waiting(Duration.ofSeconds(10)).until(d ->
                    d.getCurrentUrl().contains("cameras=" + dock + "," + lobby + ",0,0"));
            assertTrue(browser.driver.findElements(By.cssSelector("select.swap option[value='" + vault + "']")).isEmpty(),
                    "a camera vera may not watch is not offered");
            assertEquals(0L, browser.driver.executeScript("return document.getElementById('camera-choices').content"
                    + ".querySelectorAll(\"option[value='" + vault + "']\").length"), "nor in the page's list of cameras");
            type(browser, "save-view:name", "dock watch");
            Select share = new Select(browser.driver.findElement(By.id("save-view:share")));
            assertEquals(List.of("only me", "shared with dock-watch"), share.getOptions().stream().map(WebElement::getText).toList(),
                    "only her own group is offered");
            share.selectByValue("dock-watch");
            browser.leaveBy(By.id("save-view:save"));
            assertTrue(browser.driver.getCurrentUrl().contains("live.xhtml?view="), browser.driver.getCurrentUrl());
            String viewId = browser.driver.getCurrentUrl().replaceAll(".*view=(\\d+).*", "$1");
            List<WebElement> tiles = browser.driver.findElements(By.cssSelector("figure.tile"));
            assertEquals(4, tiles.size());
            assertEquals(String.valueOf(dock), tiles.get(0).getDomAttribute("data-camera"));
            assertEquals(String.valueOf(lobby), tiles.get(1).getDomAttribute("data-camera"));
            assertEquals("0", tiles.get(2).getDomAttribute("data-camera"));
            assertNotNull(awaitStamp(browser, browser.driver.findElement(By.id("tile-" + dock)), null), "the saved view plays");
            // the dock's tile fills the screen, goes on playing there, and comes back with the same button
            browser.click(By.cssSelector("figure[data-index='0'] button.fullscreen"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> "0".equals(browser.driver.executeScript(
                    "return document.fullscreenElement ? document.fullscreenElement.dataset.index : null;")));
            WebElement dockVideo = browser.driver.findElement(By.id("tile-" + dock));
            assertTrue(Boolean.TRUE.equals(browser.driver.executeScript(
                    "return arguments[0].getBoundingClientRect().width >= 0.9 * window.innerWidth;", dockVideo)), "the picture fills the width");
            double fullScreenFrom = ((Number) browser.driver.executeScript("return arguments[0].currentTime;", dockVideo)).doubleValue();
            browser.waiting(Duration.ofSeconds(20)).until(d -> ((Number) browser.driver.executeScript(
                    "return arguments[0].currentTime;", dockVideo)).doubleValue() > fullScreenFrom + 2);
            browser.click(By.cssSelector("figure[data-index='0'] button.fullscreen"));
            browser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                    "return document.fullscreenElement === null;")));
            assertEquals("dock watch", browser.driver.findElement(By.cssSelector("a.saved-view[data-view='" + viewId + "']")).getText());
            assertEquals("dock-watch", new Select(browser.driver.findElement(By.id("save-view:share")))
                    .getFirstSelectedOption().getDomAttribute("value"), "the open view's group is the one chosen");
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'view.shared' AND actor = 'vera' "
                    + "AND target = 'view:" + viewId + "' AND outcome = 'SUCCESS' AND detail = 'with group dock-watch'"));

            // the server refuses a view with a camera vera may not watch, and a share with a group she is not in
            HttpClient vera = VigilDeployment.signedIn("vera", "Vera-pw-1");
            assertEquals(400, post(vera, "/api/v1/views", "{\"name\":\"sneak\",\"layout\":1,\"cameras\":[" + vault + "]}")
                    .statusCode());
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'view.saved' AND actor = 'vera' "
                    + "AND outcome = 'REJECTED' AND target = 'view:sneak' AND detail = 'camera " + vault + " not watchable'"),
                    "the refusal is audited, not rolled back with the request");
            assertEquals(400, post(vera, "/api/v1/views", "{\"name\":\"<script>\",\"layout\":1,\"cameras\":[]}").statusCode());
            HttpResponse<String> foreignGroup = post(vera, "/api/v1/views",
                    "{\"name\":\"spread\",\"layout\":1,\"cameras\":[" + dock + "],\"sharedWith\":\"operators\"}");
            assertEquals("sharedWith: a view can be shared only with a directory group you belong to",
                    VigilDeployment.refusal(foreignGroup, 400).getString("error"));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'view.shared' AND actor = 'vera' "
                    + "AND outcome = 'REJECTED' AND detail = 'not a group of the owner: operators'"));
            assertEquals(0, countRows("SELECT count(*) FROM saved_view WHERE name IN ('sneak', '<script>', 'spread')"));

            // walt, in the group, lists and opens it with the one tile he may watch; he cannot delete it
            HttpClient walt = VigilDeployment.signedIn("walt", "Walt-pw-1");
            JsonObject listed = VigilDeployment.json(get(walt, "/api/v1/views")).asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(v -> v.getJsonNumber("id").toString().equals(viewId))
                    .findFirst().orElseThrow(() -> new AssertionError("walt does not see vera's shared view"));
            assertEquals("vera", listed.getString("owner"));
            assertEquals("dock-watch", listed.getString("sharedWith"));
            JsonArray waltTiles = VigilDeployment.json(get(walt, "/api/v1/views/" + viewId)).asJsonObject().getJsonArray("tiles");
            assertEquals(4, waltTiles.size());
            assertEquals(dock, waltTiles.getJsonObject(0).getJsonNumber("id").longValue());
            assertEquals(JsonValue.ValueType.NULL, waltTiles.get(1).getValueType(), "the lobby is not his to watch");
            assertEquals(400, delete(walt, "/api/v1/views/" + viewId).statusCode());
            // outside the group: the view does not exist for them
            assertEquals(400, get(admin, "/api/v1/views/" + viewId).statusCode(), "admin cannot open vera's view");
            assertEquals(200, get(vera, "/api/v1/views/" + viewId).statusCode());
            // no longer shared: walt loses it
            assertEquals(201, post(vera, "/api/v1/views", "{\"name\":\"dock watch\",\"layout\":2,\"cameras\":["
                    + dock + "," + lobby + ",0,0]}").statusCode());
            assertEquals(400, get(walt, "/api/v1/views/" + viewId).statusCode());
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'view.shared' AND target = 'view:" + viewId
                    + "' AND detail = 'no longer shared (was dock-watch)'"));
        }
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until the element with this id shows the wanted text, finding it again on each look. */
    private static void awaitText(Browser browser, String id, Predicate<String> wanted, String what) {
        try {
            browser.waiting(Duration.ofSeconds(20)).until(d -> wanted.test(d.findElement(By.id(id)).getText()));
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": shown \"" + browser.driver.findElement(By.id(id)).getText() + "\"");
        }
    }

    private static long countRows(String sql) throws Exception {
        try (var c = VigilDeployment.database(); var s = c.prepareStatement(sql); var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first gap of the camera's recording: end of the segment before, start of the one after. */
    private static Instant[] gapOf(long cameraId) throws Exception {
        try (var c = VigilDeployment.database(); var s = c.prepareStatement(
                "SELECT start_ts, end_ts FROM segment WHERE camera_id = ? ORDER BY start_ts")) {
            s.setLong(1, cameraId);
            try (var rs = s.executeQuery()) {
                Instant end = null;
                while (rs.next()) {
                    Instant start = rs.getTimestamp(1).toInstant();
                    if (end != null && Duration.between(end, start).toMillis() > 1000) {
                        return new Instant[] {end, start};
                    }
                    end = rs.getTimestamp(2).toInstant();
                }
            }
        }
        throw new AssertionError("no gap recorded for camera " + cameraId);
    }

    private static void storeEvent(long cameraId, Instant start) throws Exception {
        try (var c = VigilDeployment.database(); var s = c.prepareStatement("INSERT INTO analytics_event (event_id, camera_id, type, "
                + "zone, start_ts, end_ts, score, producer, received_ts) VALUES (?, ?, 'MOTION', 'door', ?, ?, 0.3, 'svc-analytics', now())")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setLong(2, cameraId);
            s.setTimestamp(3, Timestamp.from(start));
            s.setTimestamp(4, Timestamp.from(start.plusMillis(800)));
            s.executeUpdate();
        }
    }

    private static Instant position(Browser browser) {
        Object iso = browser.driver.executeScript("return window.vigilPlayback.position();");
        return iso == null ? Instant.EPOCH : Instant.parse((String) iso);
    }

    private static void awaitPosition(Browser browser, Instant expected, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Math.abs(Duration.between(expected, position(browser)).toMillis()) > 100) {
            assertTrue(Instant.now().isBefore(deadline), what + ": expected " + expected + ", at " + position(browser));
            Thread.sleep(100);
        }
    }

    /** Waits up to 8 s until the picture shown has a stamp that {@code wanted} accepts. */
    private static FrameStamp stampShown(WebElement video, Predicate<FrameStamp> wanted, String what)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(8);
        FrameStamp stamp = null;
        do {
            stamp = readStamp(video.getScreenshotAs(OutputType.BYTES));
            if (stamp != null && wanted.test(stamp)) {
                return stamp;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("expected " + what + ", shown: " + stamp);
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
            assertEquals("refused: a reason is required (at most 1024 characters): it goes into the signed manifest",
                    askForExport(browser, id, ""));
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE action = 'request.rejected' AND actor = 'admin'"
                    + " AND target = 'console /exports.xhtml export' AND detail LIKE 'a reason is required%'"));
            String asked = askForExport(browser, id, "console export test");
            assertTrue(asked.matches("export [0-9a-f]{8} (queued|running \\d+ %|done)"), asked);
            String prefix = asked.split(" ")[1];
            // the list follows the job without a reload until its package can be downloaded
            WebElement link = browser.waiting(Duration.ofSeconds(60))
                    .until(d -> d.findElements(By.cssSelector("#jobs-form\\:jobs_data tr[class*='job-" + prefix + "'] a.download"))
                            .stream().findFirst().orElse(null));
            assertTrue(link.getDomAttribute("href").matches("api/v1/exports/" + prefix + "[0-9a-f-]{28}/file"),
                    link.getDomAttribute("href"));
            browser.screenshot("exports");

            VigilTestEnvironment.directory().addUser("ida", "Ida-pw-1");
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"ida\","
                    + "\"right\":\"PLAYBACK\",\"cameraId\":" + id + "}").statusCode());
            browser.driver.manage().deleteAllCookies();
            browser.signIn("ida", "Ida-pw-1");
            browser.driver.get(page);
            String refused = askForExport(browser, id, "curious");
            assertTrue(refused.startsWith("refused: ") && refused.contains("ida lacks EXPORT on camera:" + id), refused);
        }
    }

    @Test
    void smallGridTilesPlayTheSubStreamTheCameraPageTheMainOneAndALostSubStreamFallsBackWhileRecordingGoesOn() throws Exception {
        VirtualCamera camera = fleet.camera(0);
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long id = addCamera(admin, "sub-stream yard", camera.rtspUrl());
            try {
                // the sub-stream goes with the camera's password, so only to the main stream's endpoint
                String elsewhere = "rtsp://127.0.0.1:" + fleet.camera(1).rtspPort() + "/stream2";
                assertEquals("subStreamUrl must be on the main stream's endpoint (rtsp://127.0.0.1:" + camera.rtspPort()
                        + "): the sub-stream is opened with the camera's password and judged by its certificate",
                        VigilDeployment.refusal(post(admin, "/api/v1/cameras/" + id + "/sub-stream", "{\"url\":\"" + elsewhere + "\"}"),
                                400).getString("error"));
                assertEquals(400, post(admin, "/api/v1/cameras/" + id + "/sub-stream", "{\"url\":\"http://127.0.0.1/x\"}").statusCode());
                HttpResponse<String> set = post(admin, "/api/v1/cameras/" + id + "/sub-stream", "{\"url\":\"" + camera.subRtspUrl() + "\"}");
                assertEquals(200, set.statusCode(), set.body());
                VigilDeployment.awaitCamera(admin, id, "its sub-stream online", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
                assertEquals(1, VigilDeployment.count("SELECT count(*) FROM audit_event WHERE action = 'camera.substream' AND actor = "
                        + "'admin' AND target = ? AND detail = ?", "camera:" + id, camera.subRtspUrl()), "the change audited");

                browser.signIn("admin", VigilDeployment.adminPassword());
                browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=4&cameras=" + id);
                WebElement tile = browser.driver.findElement(By.id("tile-" + id));
                long tileWidth = ((Number) browser.driver.executeScript(
                        "return Math.round(arguments[0].clientWidth * (window.devicePixelRatio || 1));", tile)).longValue();
                assertTrue(tileWidth <= camera.subWidth(), "a 4x4 tile (" + tileWidth + " px) fits the sub-stream");
                awaitPlaying(browser, tile, camera.subWidth(), "the grid tile plays the sub-stream");
                browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
                awaitPlaying(browser, browser.driver.findElement(By.id("tile-" + id)), camera.config().width(),
                        "the camera page plays the main stream");

                // the sub-stream goes away: its own state says so, the tile falls back, the camera records on
                browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=4&cameras=" + id);
                WebElement again = browser.driver.findElement(By.id("tile-" + id));
                awaitPlaying(browser, again, camera.subWidth(), "the sub-stream again");
                camera.faults().subStreamGone = true;
                JsonObject down = VigilDeployment.awaitCamera(admin, id, "its sub-stream offline",
                        c -> "OFFLINE".equals(c.getString("subStreamStatus", null)) && c.getString("subStreamReason", "").contains("404"));
                assertEquals("ONLINE", down.getString("status"), "the camera itself is online: " + down);
                awaitPlaying(browser, again, camera.config().width(), "the tile fell back to the main stream");
                long segments = recorded(id);
                VigilDeployment.await("recording goes on", Duration.ofSeconds(30), () -> recorded(id) >= segments + 2);
                assertEquals(1, VigilDeployment.count("SELECT count(*) FROM audit_event WHERE action = 'camera.substream.status' "
                        + "AND outcome = 'FAILURE' AND target = ? AND detail LIKE 'OFFLINE: cannot open the stream:%404%'", "camera:" + id));

                camera.faults().subStreamGone = false;
                VigilDeployment.awaitCamera(admin, id, "its sub-stream back", c -> "ONLINE".equals(c.getString("subStreamStatus", null)));
                browser.driver.navigate().refresh();
                awaitPlaying(browser, browser.driver.findElement(By.id("tile-" + id)), camera.subWidth(), "the sub-stream is back");
                browser.screenshot("sub-stream-grid");
            } finally {
                camera.faults().subStreamGone = false;
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    @Test
    void anH265CameraPlaysLiveAndRecordedInChromiumDirectlyWhereItCanAndTranscodedWhereItCannot() throws Exception {
        try (VirtualCameraFleet hevc = VirtualCameraFleet.start(1, CameraConfig.forTests(441, CAMERA_PASSWORD), -1, 0, VideoCodec.H265);
             Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            hevc.camera(0).sendAudio(true);
            long id = addCamera(admin, "h265 dock", hevc.camera(0).rtspUrl());
            try {
                VigilDeployment.await("3 H.265 segments recorded", Duration.ofSeconds(60), () -> recorded(id) >= 3);
                browser.signIn("admin", VigilDeployment.adminPassword());
                boolean playsHevc = (Boolean) browser.driver.executeScript(
                        "return !!(window.MediaSource && MediaSource.isTypeSupported('video/mp4; codecs=\"hev1.1.6.L93.B0\"'));");
                String expected = playsHevc ? "hev1." : "avc1.";
                System.out.println("H.265 in this Chromium: " + (playsHevc ? "played directly" : "transcoded to H.264 by the server"));

                browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
                WebElement live = browser.driver.findElement(By.id("tile-" + id));
                awaitPlaying(browser, live, 640, "the H.265 camera live");
                String liveCodec = (String) browser.driver.executeScript("return arguments[0].vigilStats.codec;", live);
                // with the camera's AAC, for the administrator holds LISTEN: beside the transcoded pictures too
                assertTrue(liveCodec.startsWith(expected) && liveCodec.endsWith(",mp4a.40.2"),
                        "live view got " + liveCodec + ", expected " + expected + "..,mp4a.40.2");
                VigilDeployment.await("live sound decoded", Duration.ofSeconds(20), () -> ((Number) browser.driver.executeScript(
                        "return arguments[0].webkitAudioDecodedByteCount;", live)).longValue() > 0);

                Instant at = segmentStart(id, 1).plusMillis(500);
                browser.driver.get(VigilDeployment.BASE + "/playback.xhtml?camera=" + id + "&at=" + at);
                VigilDeployment.await("playback ready", Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
                        browser.driver.executeScript("return window.vigilPlayback && window.vigilPlayback.ready;")));
                awaitPlaying(browser, browser.driver.findElement(By.id("playback")), 640, "the H.265 recording");
                String type = (String) browser.driver.executeScript("return window.vigilPlayback.type();");
                assertTrue(type.contains("codecs=\"" + expected), "playback got " + type + ", expected " + expected);
                browser.screenshot("h265-playback");
            } finally {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    /** Waits until the video element plays pictures {@code width} wide and its time advances. */
    private static void awaitPlaying(Browser browser, WebElement video, int width, String what) throws Exception {
        VigilDeployment.await(what + " (" + width + " wide)", Duration.ofSeconds(40), () -> ((Number) browser.driver.executeScript(
                "return arguments[0].videoWidth;", video)).intValue() == width);
        double at = ((Number) browser.driver.executeScript("return arguments[0].currentTime;", video)).doubleValue();
        VigilDeployment.await(what + ": its pictures advance", Duration.ofSeconds(20), () -> ((Number) browser.driver.executeScript(
                "return arguments[0].currentTime;", video)).doubleValue() > at + 1);
    }

    @Test
    void theCameraPageAndTheLiveTileShowThePtzPadOnlyToThoseWhoMaySteerAndThePadMovesTheCamera() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            VirtualCamera dome = fleet.camera(1);
            HttpResponse<String> added = post(admin, "/api/v1/cameras/onvif", "{\"name\":\"ptz dome\",\"deviceUrl\":\""
                    + dome.onvifDeviceUrl() + "\",\"username\":\"admin\",\"password\":\"" + CAMERA_PASSWORD
                    + "\",\"acceptInsecureTransport\":true}");
            assertEquals(201, added.statusCode(), added.body());
            long id = Long.parseLong(added.body().replaceAll(".*\"id\":(\\d+).*", "$1"));

            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
            assertEquals(1, browser.driver.findElements(By.id("ptz-pad")).size(), "PTZ holder sees the pad");
            int panBefore = dome.ptz().pan();
            new Actions(browser.driver).clickAndHold(browser.driver.findElement(By.id("ptz-right")))
                    .pause(Duration.ofMillis(800)).release().perform();
            browser.waiting(Duration.ofSeconds(10))
                    .until(d -> browser.driver.findElement(By.id("ptz-state")).getText().equals("stopped"));
            assertTrue(dome.ptz().pan() > panBefore, "the camera panned right: " + panBefore + " -> " + dome.ptz().pan());
            // a preset stored here, the camera moved away, the preset button brings it back
            int panAtPreset = dome.ptz().pan();
            browser.click(By.id("presets:save"));
            awaitText(browser, "presets:name-message", t -> t.equals("A preset needs a name."), "a preset needs a name");
            type(browser, "presets:name", "<b>gate</b>");
            browser.click(By.id("presets:save"));
            awaitText(browser, "presets:name-message", t -> t.equals("refused: preset name: 1-64 letters, digits, spaces or ._()- only"),
                    "a name with markup refused");
            type(browser, "presets:name", "gate view");
            browser.click(By.id("presets:save"));
            awaitText(browser, "presets:outcome", t -> t.equals("preset gate view saved"), "the preset saved");
            By presetButton = By.xpath("//form[@id='presets']//button[contains(@class,'preset') and normalize-space()='gate view']");
            assertEquals(1, browser.driver.findElements(presetButton).size(), "listed again with the new one");
            new Actions(browser.driver).clickAndHold(browser.driver.findElement(
                    By.cssSelector("button.ptz[data-pan='-0.5']"))).pause(Duration.ofMillis(600)).release().perform();
            browser.waiting(Duration.ofSeconds(10))
                    .until(d -> dome.ptz().pan() != panAtPreset);
            browser.click(presetButton);
            browser.waiting(Duration.ofSeconds(10))
                    .until(d -> dome.ptz().pan() == panAtPreset);
            awaitText(browser, "presets:outcome", t -> t.equals("going to preset gate view"), "the preset's move told");
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE actor = 'admin' AND action = 'camera.ptz.preset.saved' "
                    + "AND target = 'camera:" + id + "'"), "the preset's saving audited, once");
            assertEquals(1, countRows("SELECT count(*) FROM audit_event WHERE actor = 'admin' AND action = 'request.rejected' "
                    + "AND target = 'console /camera.xhtml save preset' AND detail LIKE 'preset name: 1-64%'"), "the refused name audited");
            browser.screenshot("camera-ptz");
            // the camera's tile in the live grid carries the same pad
            browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=1&cameras=" + id);
            String tilePad = "figure[data-camera='" + id + "'] .tile-ptz";
            int panOnTile = dome.ptz().pan();
            new Actions(browser.driver).clickAndHold(browser.driver.findElement(
                    By.cssSelector(tilePad + " button.ptz[data-pan='0.5']"))).pause(Duration.ofMillis(800)).release().perform();
            browser.waiting(Duration.ofSeconds(10))
                    .until(d -> d.findElement(By.cssSelector(tilePad + " .ptz-state")).getText().equals("stopped"));
            assertTrue(dome.ptz().pan() > panOnTile, "panned right from the tile: " + panOnTile + " -> " + dome.ptz().pan());

            VigilTestEnvironment.directory().addUser("quinn", "Quinn-pw-1");
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"quinn\","
                    + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + id + "}").statusCode());
            browser.driver.manage().deleteAllCookies();
            browser.signIn("quinn", "Quinn-pw-1");
            browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + id);
            assertEquals(1, browser.driver.findElements(By.cssSelector("video[data-camera='" + id + "']")).size());
            assertEquals(0, browser.driver.findElements(By.id("ptz-pad")).size(), "no PTZ right: no pad");
            browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=1&cameras=" + id);
            assertEquals(1, browser.driver.findElements(By.cssSelector("figure[data-camera='" + id + "'] video")).size());
            assertEquals(0, browser.driver.findElements(By.cssSelector(".tile-ptz")).size(), "nor on the live tile");
            HttpClient quinn = VigilDeployment.signedIn("quinn", "Quinn-pw-1");
            assertEquals(403, post(quinn, "/api/v1/cameras/" + id + "/ptz", "{\"action\":\"continuous\",\"pan\":0.5}").statusCode(),
                    "a forced PTZ request is refused");
            assertEquals(403, get(quinn, "/api/v1/cameras/" + id + "/ptz/presets").statusCode(), "and so are the presets");
            assertEquals(403, post(quinn, "/api/v1/cameras/" + id + "/ptz/presets", "{\"name\":\"mine\"}").statusCode());
            browser.driver.get(VigilDeployment.BASE + "/camera.xhtml?id=" + (id + 1000));
            assertEquals(1, browser.driver.findElements(By.id("no-camera")).size(), "a camera quinn may not watch is not shown");
            post(admin, "/api/v1/cameras/" + id + "/disable", ""); // its main stream and sub-stream need not run for the other tests
        }
    }

    /** Checks that the camera named in the address is ticked, gives a reason, asks and returns what the page answered. */
    private static String askForExport(Browser browser, long cameraId, String reason) {
        WebElement box = browser.waiting(Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("input[name='export-form:cameras'][value='" + cameraId + "']")).stream()
                        .findFirst().orElse(null));
        assertTrue(box.isSelected(), "the camera named in the address is ticked");
        type(browser, "export-form:reason", reason);
        browser.click(By.id("export-form:ask"));
        browser.settled(Duration.ofSeconds(20));
        return browser.driver.findElement(By.id("export-form:result")).getText();
    }

    private static long recorded(long cameraId) {
        try {
            return segmentCount(cameraId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    /** The first text message on a live socket (its codec line), read as {@code client}. */
    private static String firstText(HttpClient client, String path) throws Exception {
        LiveSockets.Opened socket = LiveSockets.open(client, path);
        try {
            return socket.firstText().get(20, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    /** The code the server closes a live socket with; no video may have come before. */
    private static int webSocketCloseCode(HttpClient client, String path) throws Exception {
        LiveSockets.Opened socket = LiveSockets.open(client, path);
        String closed = socket.closeReason();
        assertEquals(0, socket.binary().get(), "video was sent on " + path);
        return Integer.parseInt(closed.split(" ")[0]);
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
