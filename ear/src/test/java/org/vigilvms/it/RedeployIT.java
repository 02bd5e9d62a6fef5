package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
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
