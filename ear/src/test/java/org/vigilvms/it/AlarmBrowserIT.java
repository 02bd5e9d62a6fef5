package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * The console's alarm list in a real browser: an alarm appears without a reload, with a jump to
 * playback at the event (where the event is a mark on the timeline); an operator never sees, in the console or the API, the alarms of a
 * camera they have no right on, and cannot handle them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlarmBrowserIT {

    private static final DateTimeFormatter KATHMANDU = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Kathmandu"));


    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void anAlarmAppearsWithoutReloadAndOnlyForCamerasTheOperatorMayWatch() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long watched = VigilDeployment.addCamera(admin, "alarm front", "rtsp://127.0.0.1:9/none", "unused-password");
            long secret = VigilDeployment.addCamera(admin, "alarm vault", "rtsp://127.0.0.1:9/none", "unused-password");
            assertEquals(201, post(admin, "/api/v1/alarms/rules", "{\"name\":\"any motion\",\"eventType\":\"MOTION\","
                    + "\"cameras\":[" + watched + "," + secret + "],\"priority\":3,\"actions\":[\"NOTIFY\"]}").statusCode());
            VigilTestEnvironment.directory().addUser("paula", "Paula-pw-1");
            assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"paula\","
                    + "\"right\":\"VIEW_LIVE\",\"cameraId\":" + watched + "}").statusCode());
            RemoteNode node = RemoteNode.enrolled("analytics-host-browser");

            // paula works in Kathmandu (UTC+05:45): the alarm list and the toasts give times in her zone
            try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                    "INSERT INTO user_preference (username, theme, changed_ts, time_zone) VALUES ('paula', 'DARK', now(), ?) "
                            + "ON CONFLICT (username) DO UPDATE SET time_zone = EXCLUDED.time_zone")) {
                s.setString(1, "Asia/Kathmandu");
                s.executeUpdate();
            }
            browser.signIn("paula", "Paula-pw-1");
            browser.driver.get(VigilDeployment.BASE + "/alarms.xhtml");
            assertEquals("Raised (Asia/Kathmandu)", browser.driver.findElement(By.cssSelector("main table th")).getText());
            browser.waiting(Duration.ofSeconds(20)).until(d ->
                    Boolean.TRUE.equals(browser.driver.executeScript("return window.vigilAlarms && window.vigilAlarms.connected;")));

            // the vault's alarm first, then the front's: had the vault's been pushed, it would be there before
            AnalyticsEvent vault = RemoteNode.motion(secret, "door");
            node.report(vault);
            VigilDeployment.await("vault alarm raised", Duration.ofSeconds(15), () ->
                    count("SELECT count(*) FROM alarm WHERE event_id = ?", vault.eventId()) == 1);
            AnalyticsEvent front = RemoteNode.motion(watched, "door");
            node.report(front);
            WebElement row = browser.waiting(Duration.ofSeconds(15)).until(d ->
                    d.findElements(By.cssSelector("tr[data-camera='" + watched + "']")).stream().findFirst().orElse(null));
            assertTrue(row.getText().contains("alarm front") && row.getText().contains("MOTION"), row.getText());
            Instant raised = VigilDeployment.instant("SELECT raised_ts FROM alarm WHERE event_id = ?", front.eventId());
            assertEquals(KATHMANDU.format(raised), row.findElement(By.cssSelector("td")).getText(), "raised, in her zone");
            assertEquals(List.of(), browser.driver.findElements(By.cssSelector("tr[data-camera='" + secret + "']")),
                    "the vault's alarm never reaches this console");
            assertTrue(row.findElement(By.cssSelector("a.jump")).getDomAttribute("href")
                    .startsWith("playback.xhtml?camera=" + watched + "&at="));
            browser.screenshot("alarms");

            // acknowledged in the console
            row.findElement(By.cssSelector("input.comment")).sendKeys("on my way");
            row.findElement(By.cssSelector("button.acknowledge")).click();
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(
                    "tr[data-camera='" + watched + "']")).getText().contains("acknowledged by paula"));

            // and the API says the same
            HttpClient paula = VigilDeployment.signedIn("paula", "Paula-pw-1");
            String listed = get(paula, "/api/v1/alarms?all=true").body();
            assertTrue(listed.contains("\"cameraId\":" + watched), listed);
            assertTrue(!listed.contains("\"cameraId\":" + secret), listed);
            long vaultAlarm = count("SELECT id FROM alarm WHERE event_id = ?", vault.eventId());
            assertEquals(403, post(paula, "/api/v1/alarms/" + vaultAlarm + "/acknowledge", "{}").statusCode());
            assertEquals("NEW", stateOf(vaultAlarm));

            // on any other page a new alarm is a toast with its camera one click away; the vault's never shows
            browser.driver.get(VigilDeployment.BASE + "/live.xhtml");
            browser.waiting(Duration.ofSeconds(20)).until(d ->
                    Boolean.TRUE.equals(browser.driver.executeScript("return window.vigilToasts && window.vigilToasts.connected;")));
            AnalyticsEvent vaultAgain = RemoteNode.motion(secret, "door");
            node.report(vaultAgain);
            VigilDeployment.await("second vault alarm raised", Duration.ofSeconds(15), () ->
                    count("SELECT count(*) FROM alarm WHERE event_id = ?", vaultAgain.eventId()) == 1);
            node.report(RemoteNode.motion(watched, "door"));
            WebElement toast = browser.waiting(Duration.ofSeconds(15)).until(d ->
                    d.findElements(By.cssSelector("#alarm-toasts .toast[data-camera='" + watched + "']")).stream().findFirst().orElse(null));
            assertTrue(toast.getText().startsWith("Alarm, priority 3: alarm front") && toast.getText().contains("MOTION at ")
                    && toast.getText().contains(" Asia/Kathmandu (any motion)"), toast.getText());
            assertEquals(List.of(), browser.driver.findElements(By.cssSelector("#alarm-toasts .toast[data-camera='" + secret + "']")),
                    "the vault's alarm never reaches this console");
            browser.screenshot("alarm-toast");
            toast.findElement(By.cssSelector("a.watch")).click();
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/camera.xhtml?id=" + watched));

            // the event is a mark on the playback timeline (for someone with PLAYBACK)
            browser.driver.manage().deleteAllCookies();
            browser.signIn("admin", VigilDeployment.adminPassword());
            browser.driver.get(VigilDeployment.BASE + "/playback.xhtml?camera=" + watched + "&at="
                    + java.time.Instant.ofEpochMilli(front.startMs()));
            WebElement mark = browser.waiting(Duration.ofSeconds(15)).until(d ->
                    d.findElements(By.cssSelector("#timeline .event.motion")).stream().findFirst().orElse(null));
            assertTrue(mark.getDomAttribute("title").startsWith("MOTION in door"), mark.getDomAttribute("title"));
        }
    }

    private static String stateOf(long alarm) throws Exception {
        try (var c = VigilDeployment.database(); var s = c.prepareStatement("SELECT state FROM alarm WHERE id = ?")) {
            s.setLong(1, alarm);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
