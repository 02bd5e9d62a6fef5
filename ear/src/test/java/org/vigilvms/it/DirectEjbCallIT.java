package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.post;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.it.probe.DirectEjbCallServlet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Issue #5: a user without PLAYBACK on camera X is refused by the EJB itself when code calls it
 * directly, not only by the console and the REST API (ConsoleBrowserIT, IdentityIT): a test-only
 * web module deployed beside the EAR signs in as that user against Vigil's security domain and
 * calls PlaybackService; camera Y, where the user holds PLAYBACK, is allowed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectEjbCallIT {

    @Deployment(name = "vigil", order = 1, testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Deployment(name = "probe", order = 2, testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "ejb-probe.war")
                .addClass(DirectEjbCallServlet.class)
                .addAsWebInfResource(new StringAsset("<jboss-web xmlns=\"urn:jboss:jakartaee:1.0\" version=\"15.0\">"
                        + "<security-domain>vigil</security-domain></jboss-web>"), "jboss-web.xml")
                .addAsWebInfResource(new StringAsset("<jboss-deployment-structure><deployment><dependencies>"
                        + "<module name=\"deployment.vigil.ear.vigil-ejb.jar\"/><module name=\"deployment.vigil.ear\"/>"
                        + "</dependencies></deployment></jboss-deployment-structure>"), "jboss-deployment-structure.xml");
    }

    @Test
    void withoutPlaybackOnACameraADirectEjbCallIsRefusedAndAuditedAndAllowedWhereTheRightIsHeld() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long x = VigilDeployment.addCamera(admin, "direct x", "rtsp://127.0.0.1:9/none", "unused-password");
        long y = VigilDeployment.addCamera(admin, "direct y", "rtsp://127.0.0.1:9/none", "unused-password");
        VigilTestEnvironment.directory().addUser("edna", "Edna-pw-1");
        assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"edna\","
                + "\"right\":\"PLAYBACK\",\"cameraId\":" + y + "}").statusCode());

        String refused = call("edna", "Edna-pw-1", x);
        assertTrue(refused.startsWith("refused: AccessDeniedException"), refused);
        assertTrue(count("SELECT count(*) FROM audit_event WHERE actor = 'edna' AND action = 'access.denied' AND target = ?",
                "camera:" + x) >= 1, "the refusal is audited");
        assertEquals("allowed 0", call("edna", "Edna-pw-1", y), "PLAYBACK on y: allowed (nothing recorded)");
        assertTrue(call(null, null, y).startsWith("refused"), "no identity: refused as well");
    }

    private static String call(String user, String password, long camera) throws Exception {
        String form = "camera=" + camera + (user == null ? "" : "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        HttpResponse<String> response = VigilDeployment.https().send(HttpRequest.newBuilder(
                URI.create(VigilDeployment.BASE + "/ejb-probe/call"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
