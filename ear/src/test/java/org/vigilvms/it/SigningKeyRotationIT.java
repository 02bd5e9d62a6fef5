package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.bytes;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.post;
import static org.vigilvms.it.VigilDeployment.text;

import jakarta.json.JsonArray;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.storage.SegmentCrypto;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Issue #20 item 7, the signing key: replaced by a new one from the installation's CA (setup
 * {@code --rotate-signing-key}, the server's deployment stopped meanwhile), after which the heads
 * signed before still verify, through the retired certificate the server keeps, and new ones
 * are signed with the new key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SigningKeyRotationIT {

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "vigil", managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void headsSignedBeforeARotationStillVerifyThroughTheRetiredCertificateAndOnlyThrough() throws Exception {
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(411, "Signing-cam-pw-4"), -1)) {
            long id;
            byte[] oldSigner;
            deployer.deploy("vigil");
            try {
                VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
                HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
                id = VigilDeployment.addCamera(admin, "signing rotation gate", fleet.camera(0).rtspUrl(), "Signing-cam-pw-4");
                long camera = id;
                VigilDeployment.await("a signed head over the first segments", Duration.ofSeconds(60),
                        () -> count("SELECT count(*) FROM chain_head WHERE camera_id = ?", camera) >= 1);
                oldSigner = bytes("SELECT signer_sha256 FROM chain_head WHERE camera_id = ? ORDER BY chain_seq LIMIT 1", id);
            } finally {
                deployer.undeploy("vigil");
            }

            X509Certificate rotated = ServerSetup.rotateSigningKey(VigilTestEnvironment.installation().home());
            byte[] newSigner = SegmentCrypto.sha256(rotated.getEncoded());
            assertFalse(Arrays.equals(oldSigner, newSigner), "a new key");

            deployer.deploy("vigil");
            try {
                VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
                HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
                long camera = id;
                VigilDeployment.await("heads signed with the new key", Duration.ofSeconds(60), () -> count(
                        "SELECT count(*) FROM chain_head WHERE camera_id = ? AND signer_sha256 = ?", camera, newSigner) >= 1);
                assertEquals(0, findings(admin, id).size(), "heads of both keys verify: " + findings(admin, id));
                VigilDeployment.await("the audit head signed with the new key", Duration.ofSeconds(20), () -> count(
                        "SELECT count(*) FROM audit_chain_head WHERE signer_sha256 = ?", newSigner) == 1);
                JsonArray audit = json(get(admin, "/api/v1/audit/verify")).asJsonObject().getJsonArray("findings");
                assertTrue(audit.stream().noneMatch(f -> f.asJsonObject().getString("problem").equals("HEAD_SIGNATURE_INVALID")),
                        "the audit head verifies (other tests leave edited rows behind on purpose): " + audit);
                assertEquals(1, count("SELECT count(*) FROM signing_certificate WHERE sha256 = ? AND retired_ts IS NOT NULL", oldSigner));
                assertEquals(1, count("SELECT count(*) FROM signing_certificate WHERE retired_ts IS NULL"), "one key in use");

                // the retired certificate is what vouches for the old heads: without it they verify with nothing
                String oldPem = text("SELECT pem FROM signing_certificate WHERE sha256 = ?", oldSigner);
                try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                        "DELETE FROM signing_certificate WHERE sha256 = ?")) {
                    s.setBytes(1, oldSigner);
                    assertEquals(1, s.executeUpdate());
                }
                try {
                    JsonArray withoutIt = findings(admin, id);
                    long oldHeads = count("SELECT count(*) FROM chain_head WHERE camera_id = ? AND signer_sha256 = ?", id, oldSigner);
                    assertEquals(oldHeads, withoutIt.stream().filter(f -> f.asJsonObject().getString("problem")
                            .equals("HEAD_SIGNATURE_INVALID")).count(), "each old head, and only those: " + withoutIt);
                } finally {
                    try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                            "INSERT INTO signing_certificate (sha256, pem, registered_ts, retired_ts) VALUES (?, ?, now(), now())")) {
                        s.setBytes(1, oldSigner);
                        s.setString(2, oldPem);
                        s.executeUpdate();
                    }
                }
                assertArrayEquals(oldSigner, bytes("SELECT sha256 FROM signing_certificate WHERE sha256 = ?", oldSigner));
                assertEquals(0, findings(admin, id).size(), "verifies again with the certificate back");
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            } finally {
                deployer.undeploy("vigil");
            }
        }
    }

    private static JsonArray findings(HttpClient admin, long cameraId) throws Exception {
        return json(get(admin, "/api/v1/cameras/" + cameraId + "/integrity")).asJsonObject().getJsonArray("findings");
    }

}
