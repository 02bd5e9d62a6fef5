package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.post;
import static org.vigilvms.it.VigilDeployment.text;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.testkit.notify.HttpsReceiver;
import org.vigilvms.testkit.notify.SmtpReceiver;
import org.vigilvms.tools.PemText;

/**
 * Issue #21 item 4. Webhooks: an alarm reaches an HTTPS receiver with a body signed by the
 * receiver's own secret, through failures retried with back-off; a receiver whose certificate the
 * VMS was not told to trust gets nothing, and its delivery ends in the dead-letter list, from
 * which an administrator sends it again. E-mail: an alarm reaches the company's SMTP server
 * (STARTTLS and AUTH required by it) through WildFly's mail subsystem; while the server's
 * certificate is not from the CA the VMS was given, nothing is sent.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotificationIT {

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void anAlarmReachesTheReceiverSignedThroughRetriesAndAnUntrustedOneEndsDeadLettered() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VigilDeployment.setServerProperty(management, "vigil.webhook.retry.seconds", "1");
        VigilDeployment.setServerProperty(management, "vigil.webhook.attempts", "3");
        try (HttpsReceiver receiver = HttpsReceiver.start()) {
            // only https://, only with MANAGE_CAMERAS
            assertEquals(400, post(admin, "/api/v1/notifications/webhooks", "{\"name\":\"plain\",\"url\":\"http://127.0.0.1:9/x\"}")
                    .statusCode());
            VigilTestEnvironment.directory().addUser("walter", "Walter-pw-1");
            HttpClient walter = VigilDeployment.signedIn("walter", "Walter-pw-1");
            VigilDeployment.refusal(post(walter, "/api/v1/notifications/webhooks", "{\"name\":\"w\",\"url\":\"" + receiver.url("/w")
                    + "\"}"), 403);
            assertEquals(403, get(walter, "/api/v1/notifications/deliveries").statusCode());

            HttpResponse<String> created = post(admin, "/api/v1/notifications/webhooks", Json.createObjectBuilder()
                    .add("name", "soc").add("url", receiver.url("/vigil")).add("caPem", receiver.caPem()).build().toString());
            assertEquals(201, created.statusCode(), created.body());
            long trusted = json(created).asJsonObject().getJsonObject("receiver").getJsonNumber("id").longValue();
            String secret = json(created).asJsonObject().getString("secret");
            // the same receiver without its CA: the VMS must not believe its certificate
            long untrusted = json(post(admin, "/api/v1/notifications/webhooks", "{\"name\":\"soc without its ca\",\"url\":\""
                    + receiver.url("/untrusted") + "\"}")).asJsonObject().getJsonObject("receiver").getJsonNumber("id").longValue();
            assertTrue(get(admin, "/api/v1/notifications/webhooks").body().indexOf(secret) < 0, "the secret is shown once only");

            long camera = VigilDeployment.addCamera(admin, "webhook gate", "rtsp://127.0.0.1:9/none", "unused-password");
            assertEquals(400, post(admin, "/api/v1/alarms/rules", "{\"name\":\"no receiver\",\"eventType\":\"MOTION\",\"cameras\":["
                    + camera + "],\"actions\":[\"WEBHOOK\"]}").statusCode(), "WEBHOOK names its receiver");
            for (long webhook : List.of(trusted, untrusted)) {
                assertEquals(201, post(admin, "/api/v1/alarms/rules", "{\"name\":\"motion to " + webhook + "\",\"eventType\":\"MOTION\","
                        + "\"cameras\":[" + camera + "],\"priority\":4,\"actions\":[\"NOTIFY\",\"WEBHOOK\"],\"webhookId\":" + webhook + "}")
                        .statusCode());
            }

            // the receiver fails twice; the third attempt (the last allowed) gets through
            receiver.answer(500, 503);
            AnalyticsEvent motion = RemoteNode.motion(camera, "gate");
            RemoteNode.enrolled("analytics-host-webhook").report(motion);
            VigilDeployment.await("delivered on the third attempt", Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM notification_delivery WHERE receiver_id = ? AND state = 'DELIVERED' AND attempts = 3", trusted) == 1);
            long alarm = count("SELECT a.id FROM alarm a JOIN alarm_rule r ON r.id = a.rule_id WHERE a.event_id = ? AND r.webhook_id = ?",
                    motion.eventId(), trusted);
            List<HttpsReceiver.Received> got = receiver.received().stream().filter(r -> r.headers().containsKey("x-vigil-signature"))
                    .toList();
            assertEquals(3, got.size(), "three attempts reached the receiver, none from the untrusted one: " + got);
            assertTrue(got.stream().allMatch(r -> r.body().equals(got.get(0).body())), "the same body each time");
            HttpsReceiver.Received last = got.get(2);
            assertEquals("sha256=" + hmac(secret, last.headers().get("x-vigil-timestamp") + "." + last.body()),
                    last.headers().get("x-vigil-signature"), "signed with the receiver's secret");
            JsonObject body = Json.createReader(new StringReader(last.body())).readObject();
            assertEquals(alarm, body.getJsonNumber("alarm").longValue());
            assertEquals("MOTION", body.getString("eventType"));
            assertEquals("webhook gate", body.getJsonObject("camera").getString("name"));
            assertEquals(4, body.getInt("priority"));

            // the untrusted receiver: three failed TLS handshakes, then the dead-letter list
            VigilDeployment.await("the untrusted receiver's delivery dead", Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM notification_delivery WHERE receiver_id = ? AND state = 'DEAD'", untrusted) == 1);
            long dead = count("SELECT id FROM notification_delivery WHERE receiver_id = ?", untrusted);
            JsonArray deadLetters = json(get(admin, "/api/v1/notifications/deliveries?state=DEAD")).asJsonArray();
            JsonObject listed = deadLetters.stream().map(v -> v.asJsonObject())
                    .filter(d -> d.getJsonNumber("id").longValue() == dead).findFirst().orElseThrow();
            assertEquals(3, listed.getInt("attempts"));
            assertTrue(listed.getString("lastError").startsWith("SSLHandshakeException"), listed.toString());
            assertTrue(text("SELECT detail FROM audit_event WHERE action = 'notification.delivery.dead' AND target = ?", "webhook:" + untrusted)
                    .contains("after 3 attempt(s)"));
            assertEquals(3, receiver.received().stream().filter(r -> r.headers().containsKey("x-vigil-signature")).count(),
                    "nothing of it reached the receiver");

            // an administrator sees it in the console's dead-letter list and sends it again: a fresh round, audited
            try (Browser browser = Browser.start(1280, 800)) {
                browser.signIn("admin", VigilDeployment.adminPassword());
                browser.driver.get(VigilDeployment.BASE + "/alarms.xhtml");
                WebElement row = browser.waiting(Duration.ofSeconds(15)).until(d -> d.findElements(
                        By.cssSelector("#dead-form\\:dead_data tr.delivery-" + dead)).stream().findFirst().orElse(null));
                assertTrue(row.getText().contains("soc without its ca") && row.getText().contains("SSLHandshakeException"), row.getText());
                row.findElement(By.cssSelector("button.retry")).click();
                browser.waiting(Duration.ofSeconds(15)).until(d -> d.findElement(By.id("dead-form:result")).getText()
                        .equals("delivery " + dead + " is sent again"));
            }
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'notification.delivery.retried' AND actor = 'admin' "
                    + "AND target = ?", "delivery:" + dead));
            assertEquals(400, post(admin, "/api/v1/notifications/deliveries/" + dead + "/retry", "").statusCode(), "not dead now");

            // a receiver taken out of use can no longer be named by a rule; disabling is audited
            assertEquals(false, json(post(admin, "/api/v1/notifications/webhooks/" + untrusted + "/disable", ""))
                    .asJsonObject().getBoolean("enabled"));
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'webhook.receiver.disabled' AND target = ?",
                    "webhook:" + untrusted));
            assertEquals(400, post(admin, "/api/v1/alarms/rules", "{\"name\":\"to a disabled receiver\",\"eventType\":\"MOTION\","
                    + "\"cameras\":[" + camera + "],\"actions\":[\"WEBHOOK\"],\"webhookId\":" + untrusted + "}").statusCode());
            assertEquals(400, post(admin, "/api/v1/notifications/webhooks/" + untrusted + "/disable", "").statusCode(), "once");
            VigilDeployment.refusal(post(walter, "/api/v1/notifications/webhooks/" + trusted + "/disable", ""), 403);

            // an operator's alarm page has no webhook section (and asks nothing it would be refused)
            try (Browser browser = Browser.start(1280, 800)) {
                browser.signIn("walter", "Walter-pw-1");
                browser.driver.get(VigilDeployment.BASE + "/alarms.xhtml");
                browser.waiting(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("alarms-form:alarms")).isEmpty());
                assertTrue(browser.driver.findElements(By.id("webhook-admin")).isEmpty());
            }
        } finally {
            VigilDeployment.setServerProperty(management, "vigil.webhook.retry.seconds", null);
            VigilDeployment.setServerProperty(management, "vigil.webhook.attempts", null);
        }
    }

    @Test
    void anAlarmEmailGoesOverStartTlsSignedInAndNeverToAServerOfAnotherCa() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VigilDeployment.setServerProperty(management, "vigil.webhook.retry.seconds", "1");
        VigilDeployment.setServerProperty(management, "vigil.webhook.attempts", "3");
        SmtpReceiver smtp = VigilTestEnvironment.smtp();
        Path caFile = VigilTestEnvironment.installation().home().smtpCa();
        String trustedCa = Files.readString(caFile);
        try {
            long camera = VigilDeployment.addCamera(admin, "mail gate", "rtsp://127.0.0.1:9/none", "unused-password");
            String rule = "{\"name\":\"motion by mail\",\"eventType\":\"MOTION\",\"cameras\":[" + camera + "],\"priority\":4,"
                    + "\"actions\":[\"EMAIL\"]";
            assertEquals(400, post(admin, "/api/v1/alarms/rules", rule + "}").statusCode(), "EMAIL names its recipients");
            assertRefused(post(admin, "/api/v1/alarms/rules", rule + ",\"emailTo\":\"ops@example.com\\r\\nBcc: spy@evil.example\"}"),
                    "the part before @ has a character an address cannot have");
            assertRefused(post(admin, "/api/v1/alarms/rules", rule + ",\"emailTo\":\"" + IntStream.rangeClosed(1, 11)
                    .mapToObj(n -> "ops" + n + "@example.com").collect(Collectors.joining(",")) + "\"}"), "at most 10 addresses");
            assertRefused(post(admin, "/api/v1/alarms/rules", rule.replace("\"EMAIL\"", "\"NOTIFY\"")
                    + ",\"emailTo\":\"ops@example.com\"}"), "the EMAIL action needs emailTo");
            HttpResponse<String> created = post(admin, "/api/v1/alarms/rules", rule + ",\"emailTo\":\" ops@example.com, Security@Example.COM\"}");
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("ops@example.com,Security@example.com", json(created).asJsonObject().getString("emailTo"),
                    "one spelling: the domain in lower case");

            AnalyticsEvent motion = RemoteNode.motion(camera, "gate");
            RemoteNode analytics = RemoteNode.enrolled("analytics-host-mail");
            analytics.report(motion);
            long alarm = awaitAlarm(motion);
            awaitDelivery(alarm, "DELIVERED");
            SmtpReceiver.Received mail = smtp.await(m -> m.message().contains("alarm " + alarm + ","), Duration.ofSeconds(10));
            assertTrue(mail.tls(), "sent only after STARTTLS");
            assertTrue(mail.authenticated(), "signed in as " + VigilTestEnvironment.SMTP_USER);
            assertEquals("vigil@it.example", mail.mailFrom());
            assertEquals(List.of("ops@example.com", "Security@example.com"), mail.rcptTos());
            String message = mail.message().replace("\r\n ", " ").replace("\r\n\t", " ");
            assertTrue(message.contains("Subject: [Vigil] alarm " + alarm + ", priority 4: motion by mail on mail gate (camera "
                    + camera + ")"), message);
            assertTrue(message.contains("Camera: mail gate (camera " + camera + ")") && message.contains("Auto-Submitted: auto-generated"),
                    message);

            // the SMTP server's certificate is not from the CA the installation was given: nothing goes to it
            Files.writeString(caFile, PemText.of("CERTIFICATE", InternalCa.create("not the mail server's CA").certificate().getEncoded()));
            int before = smtp.received().size();
            AnalyticsEvent second = RemoteNode.motion(camera, "gate");
            analytics.report(second);
            long refusedAlarm = awaitAlarm(second);
            awaitDelivery(refusedAlarm, "DEAD");
            long dead = count("SELECT id FROM notification_delivery WHERE alarm_id = ?", refusedAlarm);
            JsonObject listed = json(get(admin, "/api/v1/notifications/deliveries?state=DEAD")).asJsonArray().stream()
                    .map(v -> v.asJsonObject()).filter(d -> d.getJsonNumber("id").longValue() == dead).findFirst().orElseThrow();
            assertEquals("EMAIL", listed.getString("channel"));
            assertEquals(3, listed.getInt("attempts"));
            assertTrue(listed.getString("lastError").contains("SSLHandshakeException"), listed.toString());
            assertEquals(before, smtp.received().size(), "nothing reached the server");
            assertTrue(text("SELECT detail FROM audit_event WHERE action = 'notification.delivery.dead' AND target = ?",
                    "email:ops@example.com,Security@example.com").contains("alarm " + refusedAlarm));

            // its CA back: sent again from the dead-letter list, it arrives
            Files.writeString(caFile, trustedCa);
            assertEquals(200, post(admin, "/api/v1/notifications/deliveries/" + dead + "/retry", "").statusCode());
            smtp.await(m -> m.message().contains("alarm " + refusedAlarm + ","), Duration.ofSeconds(60));
        } finally {
            Files.writeString(caFile, trustedCa);
            VigilDeployment.setServerProperty(management, "vigil.webhook.retry.seconds", null);
            VigilDeployment.setServerProperty(management, "vigil.webhook.attempts", null);
        }
    }

    /** Waits until the alarm's e-mail is in {@code state}; a timeout says where it is and why. */
    private static void awaitDelivery(long alarm, String state) throws InterruptedException {
        try {
            VigilDeployment.await("the e-mail " + state, Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM notification_delivery WHERE alarm_id = ? AND channel = 'EMAIL' AND state = ?", alarm, state) == 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the delivery: " + text("SELECT state || ' after ' || attempts || ': ' || "
                    + "coalesce(last_error, '') FROM notification_delivery WHERE alarm_id = ?", alarm), e);
        }
    }

    private static long awaitAlarm(AnalyticsEvent event) throws Exception {
        VigilDeployment.await("the alarm of " + event.eventId(), Duration.ofSeconds(30), () -> count(
                "SELECT count(*) FROM alarm WHERE event_id = ?", event.eventId()) == 1);
        return count("SELECT id FROM alarm WHERE event_id = ?", event.eventId());
    }

    private static void assertRefused(HttpResponse<String> response, String why) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(why), response.body());
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
