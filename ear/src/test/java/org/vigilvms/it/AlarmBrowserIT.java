package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.post;
import static org.vigilvms.it.VigilDeployment.text;

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
 * camera they have no right on, and cannot handle them. An administrator writes a rule on the
 * rules page, told next to the field what it cannot take; the rule raises alarms until disabled.
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
            AlarmPages pages = new AlarmPages(browser);
            pages.openList();
            assertEquals("Raised (Asia/Kathmandu)", browser.driver.findElement(By.cssSelector("#alarms-form\\:alarms th")).getText());

            // the vault's alarm first, then the front's: had the vault's been pushed, it would be there before
            AnalyticsEvent vault = RemoteNode.motion(secret, "door");
            node.report(vault);
            VigilDeployment.await("vault alarm raised", Duration.ofSeconds(15), () ->
                    count("SELECT count(*) FROM alarm WHERE event_id = ?", vault.eventId()) == 1);
            AnalyticsEvent front = RemoteNode.motion(watched, "door");
            node.report(front);
            WebElement row = pages.alarmOf(watched);
            assertTrue(row.getText().contains("alarm front") && row.getText().contains("motion at "), row.getText());
            Instant raised = VigilDeployment.instant("SELECT raised_ts FROM alarm WHERE event_id = ?", front.eventId());
            assertEquals(KATHMANDU.format(raised), row.findElement(By.cssSelector("td.raised")).getText(), "raised, in her zone");
            assertEquals(List.of(), browser.driver.findElements(By.cssSelector(AlarmPages.alarmRow(secret))),
                    "the vault's alarm never reaches this console");
            assertTrue(row.findElement(By.cssSelector("a.jump")).getDomAttribute("href")
                    .startsWith("playback.xhtml?camera=" + watched + "&at="));
            browser.screenshot("alarms");

            // closing needs a comment: told next to the field, audited, and the alarm stays as it was
            pages.startHandling(watched, "close");
            pages.confirmHandling("");
            assertEquals("Closing an alarm needs a comment: what was found, what was done.",
                    browser.driver.findElement(By.id("handle-form:comment-message")).getText());
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE actor = 'paula' AND action = 'request.rejected' "
                    + "AND target = 'console /alarms.xhtml close alarm'"));
            long frontAlarm = count("SELECT id FROM alarm WHERE event_id = ?", front.eventId());
            assertEquals("NEW", stateOf(frontAlarm));
            pages.cancelHandling();

            // acknowledged in the console, with a comment
            pages.startHandling(watched, "acknowledge");
            pages.confirmHandling("on my way");
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(AlarmPages.alarmRow(watched)))
                    .getText().contains("acknowledged by paula: on my way"));

            // and the API says the same
            HttpClient paula = VigilDeployment.signedIn("paula", "Paula-pw-1");
            String listed = get(paula, "/api/v1/alarms?all=true").body();
            assertTrue(listed.contains("\"cameraId\":" + watched), listed);
            assertTrue(!listed.contains("\"cameraId\":" + secret), listed);
            long vaultAlarm = count("SELECT id FROM alarm WHERE event_id = ?", vault.eventId());
            assertEquals("ACKNOWLEDGED", stateOf(frontAlarm));
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
                    + Instant.ofEpochMilli(front.startMs()));
            WebElement mark = browser.waiting(Duration.ofSeconds(15)).until(d ->
                    d.findElements(By.cssSelector("#timeline .event.motion")).stream().findFirst().orElse(null));
            assertTrue(mark.getDomAttribute("title").startsWith("MOTION in door"), mark.getDomAttribute("title"));
        }
    }

    @Test
    void anAdministratorWritesARuleInTheConsoleAndItRaisesAlarmsUntilDisabled() throws Exception {
        try (Browser browser = Browser.start(1280, 900)) {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            long door = VigilDeployment.addCamera(admin, "rules door", "rtsp://127.0.0.1:9/none", "unused-password");
            RemoteNode node = RemoteNode.enrolled("analytics-host-rules");
            browser.signIn("admin", VigilDeployment.adminPassword());
            AlarmPages pages = new AlarmPages(browser);
            pages.openRules();
            String zone = browser.driver.findElement(By.cssSelector("meta[name='vigil-zone']")).getDomAttribute("content");

            // a window that is no time of day is told next to its field and audited; nothing is written
            pages.newRule();
            pages.type("name", "door after hours");
            pages.choose("type", "motion");
            pages.chooseCameras("rules door");
            pages.type("from", "25:00");
            pages.choose("priority", "5 (critical)");
            pages.type("escalate", "60");
            pages.saveRule();
            String told = "\"25:00\" is no time of day: hh:mm, 00:00 to 24:00";
            assertEquals(told, pages.fieldMessage("from"));
            assertEquals("", pages.fieldMessage("to"));
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE actor = 'admin' AND action = 'request.rejected' "
                    + "AND target = 'console /alarm-rules.xhtml create alarm rule' AND detail = ?", told));
            assertEquals(0, count("SELECT count(*) FROM alarm_rule WHERE name = 'door after hours'"));
            browser.screenshot("alarm-rule-dialog");

            // corrected, the rule is written as the dialog held it
            pages.type("from", "00:00");
            pages.saveRule();
            pages.awaitRuleDialogClosed();
            long rule = count("SELECT id FROM alarm_rule WHERE name = 'door after hours'");
            assertEquals("MOTION | " + door + " | 1234567 | 0 | 1440 | " + zone + " | 5 | 60 | NOTIFY | true | admin",
                    text("SELECT concat_ws(' | ', event_type, camera_ids, days, from_minute, to_minute, time_zone, priority, "
                            + "escalate_after_s, actions, enabled::text, created_by) FROM alarm_rule WHERE id = ?", rule));
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'alarm.rule.created' AND target = ?", "rule:" + rule));
            WebElement row = pages.ruleRow(rule);
            assertEquals("rules door", row.findElement(By.cssSelector("td.cameras")).getText());
            assertEquals("Mon–Sun 00:00–24:00 " + zone, row.findElement(By.cssSelector("td.armed")).getText());
            assertEquals("5 · escalates after 60 s", row.findElement(By.cssSelector("td.priority")).getText());
            assertEquals("armed", row.findElement(By.cssSelector("td.state")).getText());
            browser.screenshot("alarm-rules");

            // a webhook receiver is added on the same page, its secret shown this once; a second of its name is refused
            assertEquals("receiver rules soc added", pages.addReceiver("rules soc", "https://127.0.0.1:9/hook"));
            String secret = browser.driver.findElement(By.id("receiver-secret")).getText();
            assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), "32 random bytes, base64url: " + secret);
            long receiver = count("SELECT id FROM webhook_receiver WHERE name = 'rules soc' AND created_by = 'admin'");
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'webhook.receiver.created' AND target = ?",
                    "webhook:" + receiver));
            assertEquals("refused: a receiver named 'rules soc' exists", pages.addReceiver("rules soc", "https://127.0.0.1:9/other"));
            assertEquals(List.of(), browser.driver.findElements(By.id("receiver-secret")), "no secret for what was refused");
            pages.disableReceiver(receiver);
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'webhook.receiver.disabled' AND target = ?",
                    "webhook:" + receiver));

            // it raises alarms
            AnalyticsEvent first = RemoteNode.motion(door, "gate");
            node.report(first);
            VigilDeployment.await("the console's rule raised an alarm", Duration.ofSeconds(15), () ->
                    count("SELECT count(*) FROM alarm WHERE event_id = ? AND rule_id = ? AND priority = 5", first.eventId(), rule) == 1);

            // disabled, it stays listed and raises none: the event is stored in the transaction that would raise it
            pages.disableRule(rule);
            assertEquals("disabled", pages.ruleRow(rule).findElement(By.cssSelector("td.state")).getText());
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'alarm.rule.disabled' AND target = ?", "rule:" + rule));
            AnalyticsEvent second = RemoteNode.motion(door, "gate");
            node.report(second);
            VigilDeployment.await("the second event stored", Duration.ofSeconds(15), () ->
                    count("SELECT count(*) FROM analytics_event WHERE event_id = ?", second.eventId()) == 1);
            assertEquals(0, count("SELECT count(*) FROM alarm WHERE event_id = ?", second.eventId()));
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
