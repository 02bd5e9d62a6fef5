package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.bytes;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.it.EvidenceExports.Verdict;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.storage.SegmentCrypto;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.hsm.InstallationKeys;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Issue #20 item 7 on a running server: an installation whose CA, signing, time-stamping and
 * master keys were generated inside a PKCS#11 token (SoftHSM2) records and seals a camera, signs
 * its chain heads and audit head, issues a device certificate and signs a time-stamped export,
 * all with keys no file of the installation holds, and rotates its master key inside the token.
 * Runs in the build's hardware-keys execution only, on an installation of its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardwareKeysIT {

    private static final String CAMERA_PASSWORD = "Hsm-cam-pw-7";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void withItsKeysInATokenTheServerRecordsSignsIssuesExportsAndRotatesAndNoFileHoldsAKey() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VigilHome home = VigilTestEnvironment.installation().home();

        // the keys are in the token, sensitive and not extractable; no file holds one but the TLS key
        KeyStore token = InstallationKeys.token(home);
        for (String label : List.of("vigil-ca", "signing", "tsa", "vigil-master-1")) {
            assertTrue(InstallationKeys.labels(token).contains(label), label + ": " + InstallationKeys.labels(token));
            assertNull(token.getKey(label, null).getEncoded(), label + " cannot be read out of the token");
        }
        assertFalse(Files.exists(home.masterKey()), "no master key file");
        assertEquals(List.of(home.serverKeyStore()), InstallationKeys.keyStoresWithKeys(home));
        X509Certificate ca = (X509Certificate) token.getCertificate("vigil-ca");
        byte[] signer = SegmentCrypto.sha256(token.getCertificate("signing").getEncoded());

        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(431, CAMERA_PASSWORD), -1)) {
            long camera = VigilDeployment.addCamera(admin, "hsm gate", fleet.camera(0).rtspUrl(), CAMERA_PASSWORD);

            // chain heads and the audit head are signed inside the token; the camera's secrets sealed under its master key
            VigilDeployment.await("three segments under a head signed by the token's key", Duration.ofSeconds(60), () ->
                    count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) >= 3
                            && count("SELECT count(*) FROM chain_head WHERE camera_id = ? AND signer_sha256 = ?", camera, signer) >= 1);
            VigilDeployment.await("the audit head signed by the token's key", Duration.ofSeconds(20),
                    () -> count("SELECT count(*) FROM audit_chain_head WHERE signer_sha256 = ?", signer) >= 1);
            assertArrayEquals(signer, bytes("SELECT sha256 FROM signing_certificate WHERE retired_ts IS NULL"));
            assertEquals(0, findings(admin, camera).size(), "data keys open and heads verify: " + findings(admin, camera));

            // the CA in the token issues a device's certificate
            X509Certificate device = issueDeviceCertificate(admin, "hsm-ws-1");
            device.verify(ca.getPublicKey());
            assertEquals(ca.getSubjectX500Principal(), device.getIssuerX500Principal());

            // an export signed by the token's signing key and time-stamped by its TSA key verifies offline
            Path work = Files.createDirectories(Path.of(System.getProperty("vigil.it.dir"), "hsm-export"));
            Instant from = VigilDeployment.segmentStart(camera, 1);
            Instant to = VigilDeployment.segmentStart(camera, 3);
            String job = EvidenceExports.request(admin, "{\"cameras\":[" + camera + "],\"from\":\"" + from + "\",\"to\":\"" + to
                    + "\",\"reason\":\"hardware keys\",\"caseNumber\":\"C-HSM-1\"}");
            Path export = EvidenceExports.download(admin, EvidenceExports.awaitDone(admin, job), work.resolve("export.zip"));
            Verdict verdict = EvidenceExports.verify(export, EvidenceExports.issuerCertificate(admin, work.resolve("issuer.pem")));
            assertEquals(0, verdict.status(), verdict.output());
            assertTrue(verdict.output().contains("Time-stamped: "), verdict.output());

            // the master key is rotated inside the token: a new generation, the old one deleted
            HttpResponse<String> rotated = post(admin, "/api/v1/keys/master/rotate",
                    Json.createObjectBuilder().add("password", VigilDeployment.adminPassword()).build().toString());
            assertEquals(200, rotated.statusCode(), rotated.body());
            List<String> labels = InstallationKeys.labels(InstallationKeys.token(home));
            assertTrue(labels.contains("vigil-master-2") && !labels.contains("vigil-master-1"), "rotated in the token: " + labels);
            assertNull(InstallationKeys.token(home).getKey("vigil-master-2", null).getEncoded());
            assertEquals(List.of(home.serverKeyStore()), InstallationKeys.keyStoresWithKeys(home), "still no key in a file");

            // the camera's password opens under the new key: recording starts again after a restart of the camera
            long before = count("SELECT count(*) FROM segment WHERE camera_id = ?", camera);
            assertEquals(200, post(admin, "/api/v1/cameras/" + camera + "/disable", "").statusCode());
            VigilDeployment.awaitRecordingSealed(camera);
            long stopped = count("SELECT count(*) FROM segment WHERE camera_id = ?", camera);
            assertTrue(stopped >= before);
            assertEquals(200, post(admin, "/api/v1/cameras/" + camera + "/enable", "").statusCode());
            VigilDeployment.await("recording again with the password opened under the new key", Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) >= stopped + 2);
            assertEquals(0, findings(admin, camera).size(), "every data key opens under the new key: " + findings(admin, camera));
            assertEquals(200, post(admin, "/api/v1/cameras/" + camera + "/disable", "").statusCode());
        }
    }

    private static JsonArray findings(HttpClient admin, long camera) throws Exception {
        return json(get(admin, "/api/v1/cameras/" + camera + "/integrity")).asJsonObject().getJsonArray("findings");
    }

    /** A workstation's key made here; only its certificate request goes to the server. */
    private static X509Certificate issueDeviceCertificate(HttpClient admin, String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        StringWriter csr = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(csr)) {
            pem.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + name), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }
        HttpResponse<String> issued = post(admin, "/api/v1/devices", Json.createObjectBuilder().add("name", name)
                .add("kind", "WORKSTATION").add("csr", csr.toString()).build().toString());
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject answer = json(issued).asJsonObject();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(answer.getString("certificatePem").getBytes(StandardCharsets.US_ASCII)));
    }
}
