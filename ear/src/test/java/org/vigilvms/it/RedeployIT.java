package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * The EAR can be undeployed and deployed again in the same server: the video natives live in a
 * server module, loaded once per JVM, so a second deployment finds them (bundled in the EAR, the
 * second load would fail with UnsatisfiedLinkError). Its meters leave the metrics endpoint with it:
 * the server's registry outlives the deployment, and a meter left there would read the old
 * deployment's objects after the next deployment (NaN once they are collected).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "vigil", managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void videoLibrariesAndHealthSurviveRedeployment() throws Exception {
        for (int round = 1; round <= 2; round++) {
            deployer.deploy("vigil");
            try {
                assertEquals(200, VigilDeployment.awaitHealthy(Duration.ofSeconds(60)).statusCode(), "round " + round);
                Scrape deployed = Scrape.now();
                double lag = deployed.value("vigil_audit_chain_lag_seconds").orElseThrow(
                        () -> new AssertionError("no audit lag: " + deployed.samplesWith("vigil_")));
                assertTrue(Double.isFinite(lag), "round " + round + ": the audit lag reads " + lag);
                HttpResponse<String> response = VigilDeployment.get(VigilDeployment.signedIn("admin", VigilDeployment.adminPassword()),
                        "/api/v1/health/details");
                assertEquals(200, response.statusCode(), "round " + round + ": " + response.body());
                assertTrue(videoCheck(response.body()).startsWith("FFmpeg libavcodec 61."),
                        "round " + round + ": " + response.body());
            } finally {
                deployer.undeploy("vigil");
            }
            assertEquals(List.of(), Scrape.now().samplesWith("vigil_"), "round " + round + ": undeployed, no meter of Vigil");
        }
    }

    @Test
    void aRevokedServiceKeyNeverComesBackTheNodeAsksForANewOneAndAnAdministratorApprovesIt() throws Exception {
        String producer = ProducerName.of(ServiceIdentity.ANALYTICS, VigilDeployment.NODE);
        String revokedFingerprint;
        deployer.deploy("vigil");
        try {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            revokedFingerprint = key(admin, producer).getString("fingerprint");
            assertEquals(200, post(admin, "/api/v1/node-keys/" + producer + "/revoke", "{\"reason\":\"node disk copied\"}").statusCode());
            // the analytics service of this very node speaks into the void from its next heartbeat on
            long before = rejections(producer);
            VigilDeployment.await("a heartbeat of the revoked key rejected", Duration.ofSeconds(20), () -> rejections(producer) > before);
        } finally {
            deployer.undeploy("vigil");
        }

        deployer.deploy("vigil");
        try {
            VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
            HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
            // the node made a new key and asks for it; its revoked one did not come back, its other keys stayed
            JsonArray requests = json(get(admin, "/api/v1/node-keys/requests")).asJsonArray();
            assertEquals(List.of(producer), requests.stream().map(r -> r.asJsonObject().getString("producer")).toList(), requests.toString());
            String asked = requests.getJsonObject(0).getString("fingerprint");
            assertNotEquals(revokedFingerprint, asked);
            assertEquals("node disk copied", key(admin, producer).getString("revocationReason"), "still revoked");
            String log = VigilDeployment.serverLog();
            assertTrue(log.contains("VIGIL00428: Signing key of producer " + producer + " (" + revokedFingerprint
                    + ") was revoked: a new key (" + asked + ") was made in its place"), "logged with both fingerprints");
            assertTrue(log.contains("VIGIL00427: Signing key of producer " + producer + " (" + asked + ") waits for an administrator's approval"));
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'producer.key.requested' AND target = ? AND detail = ?",
                    producer, asked));
            long waiting = rejections(producer);
            VigilDeployment.await("its messages rejected while it waits", Duration.ofSeconds(20), () -> rejections(producer) > waiting);

            // approval is an administrator's, by the fingerprint the node logged
            VigilTestEnvironment.directory().addUser("keys-operator", "Keys-pw-1");
            String approve = "/api/v1/node-keys/requests/" + producer + "/approve";
            assertEquals(403, post(VigilDeployment.signedIn("keys-operator", "Keys-pw-1"), approve,
                    "{\"fingerprint\":\"" + asked + "\"}").statusCode());
            assertEquals("the key " + producer + " asked for has another fingerprint: compare it with the node's log",
                    VigilDeployment.refusal(post(admin, approve, "{\"fingerprint\":\"" + revokedFingerprint + "\"}"), 400).getString("error"));
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'producer.key.approved' AND outcome = 'REJECTED' "
                    + "AND actor = 'admin' AND target = ?", producer), "the refused approval audited");
            JsonObject approved = json(post(admin, approve, "{\"fingerprint\":\"" + asked + "\"}")).asJsonObject();
            assertEquals(asked, approved.getString("fingerprint"));
            assertEquals("admin", approved.getString("enrolledBy"));
            assertEquals(0, json(get(admin, "/api/v1/node-keys/requests")).asJsonArray().size());
            long heartbeats = count("SELECT received_count FROM service_heartbeat WHERE producer = ?", producer);
            VigilDeployment.await("its heartbeats accepted again", Duration.ofSeconds(20),
                    () -> count("SELECT received_count FROM service_heartbeat WHERE producer = ?", producer) > heartbeats);
        } finally {
            deployer.undeploy("vigil");
        }
    }

    private static JsonObject key(HttpClient admin, String producer) throws Exception {
        return json(get(admin, "/api/v1/node-keys")).asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(k -> k.getString("producer").equals(producer)).findFirst().orElseThrow(() -> new AssertionError("no key of " + producer));
    }

    private static long rejections(String producer) {
        return count("SELECT count(*) FROM audit_event WHERE action = 'jms.rejected' AND actor = ?", producer);
    }

    private static String videoCheck(String body) {
        JsonObject report = Json.createReader(new StringReader(body)).readObject();
        for (JsonValue check : report.getJsonArray("checks")) {
            if (check.asJsonObject().getString("name").equals("video")) {
                return check.asJsonObject().getString("detail");
            }
        }
        return "no video check";
    }
}
