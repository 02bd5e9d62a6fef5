package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.bytes;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.security.Totp;
import org.vigilvms.security.UserTotp;
import org.vigilvms.storage.SegmentCrypto;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.it.VigilTestEnvironment;

/**
 * Issue #20 item 7, the master key: rotated while the server records, every value it sealed
 * (cameras' data keys and passwords, second-factor secrets) re-sealed under the new key only, no
 * segment rewritten, recording and the integrity check going on as before.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyRotationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void theMasterKeyIsRotatedWithoutRewritingASegmentAndEverySealedValueOpensUnderTheNewKeyOnly() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        Path keyFile = VigilTestEnvironment.installation().home().masterKey();
        byte[] oldKey = Files.readAllBytes(keyFile);
        VigilTestEnvironment.directory().addUser("rotor", "Rotor-pw-1");
        HttpClient rotor = VigilDeployment.signedIn("rotor", "Rotor-pw-1");
        byte[] secret = Totp.fromBase32(json(post(rotor, "/api/v1/account/totp", "{}")).asJsonObject().getString("secret"));
        assertEquals(204, post(rotor, "/api/v1/account/totp/confirm", "{\"code\":\"" + Totp.code(secret, Totp.step(System.currentTimeMillis()))
                + "\"}").statusCode());

        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(1, CameraConfig.forTests(401, "Rotation-cam-pw-4"), -1)) {
            long id = VigilDeployment.addCamera(admin, "rotation gate", fleet.camera(0).rtspUrl(), "Rotation-cam-pw-4");
            try {
                VigilDeployment.await("three segments recorded", Duration.ofSeconds(60),
                        () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= 3);
                byte[] dataKey = KeyVault.open(oldKey, bytes("SELECT data_key_wrapped FROM camera WHERE id = ?", id),
                        CameraKeys.dataKeyAad(id));
                Map<Path, byte[]> segments = segmentHashes(id);

                // only a local administrator, and only with the password again
                assertEquals(403, post(rotor, "/api/v1/keys/master/rotate", "{\"password\":\"Rotor-pw-1\"}").statusCode(),
                        "a directory user, with their own password");
                assertEquals(400, post(admin, "/api/v1/keys/master/rotate", "{}").statusCode(), "no password given");
                assertArrayEquals(oldKey, Files.readAllBytes(keyFile), "refused: the key is the same");

                HttpResponse<String> rotated = post(admin, "/api/v1/keys/master/rotate",
                        Json.createObjectBuilder().add("password", VigilDeployment.adminPassword()).build().toString());
                JsonObject counts = json(rotated).asJsonObject();
                assertEquals(count("SELECT count(*) FROM camera"), counts.getInt("cameras"), "every camera: " + rotated.body());
                assertEquals(count("SELECT count(*) FROM user_totp"), counts.getInt("secondFactors"), "every second factor");
                byte[] newKey = Files.readAllBytes(keyFile);
                assertFalse(Arrays.equals(oldKey, newKey), "a new key in the key file");
                assertFalse(Files.exists(keyFile.resolveSibling(keyFile.getFileName() + ".next")), "the rotation finished");

                // every sealed value opens under the new key, and no longer under the old one
                byte[] wrapped = bytes("SELECT data_key_wrapped FROM camera WHERE id = ?", id);
                assertArrayEquals(dataKey, KeyVault.open(newKey, wrapped, CameraKeys.dataKeyAad(id)), "the same data key, re-wrapped");
                assertThrows(KeyVault.TamperedException.class, () -> KeyVault.open(oldKey, wrapped, CameraKeys.dataKeyAad(id)));
                assertEquals("Rotation-cam-pw-4", new String(KeyVault.open(newKey, bytes(
                        "SELECT password_ciphertext FROM camera WHERE id = ?", id), CameraKeys.passwordAad(id)),
                        StandardCharsets.UTF_8));
                assertArrayEquals(secret, KeyVault.open(newKey, bytes("SELECT secret_sealed FROM user_totp WHERE username = ?", "rotor"),
                        UserTotp.sealingAad("rotor")));

                // no segment rewritten; recording goes on under the same data key; the chain is intact
                segments.forEach((file, hash) -> assertArrayEquals(hash, sha256(file), file + " untouched"));
                long before = count("SELECT count(*) FROM segment WHERE camera_id = ?", id);
                VigilDeployment.await("recording goes on", Duration.ofSeconds(30),
                        () -> count("SELECT count(*) FROM segment WHERE camera_id = ?", id) >= before + 2);
                assertEquals(0, json(get(admin, "/api/v1/cameras/" + id + "/integrity")).asJsonObject().getJsonArray("findings").size(),
                        "old and new segments decrypt and chain");
                assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'master.key.rotated' AND actor = 'admin'"));
                assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'access.denied' AND actor = 'rotor' AND target = 'keys'") >= 1);
            } finally {
                post(admin, "/api/v1/cameras/" + id + "/disable", "");
            }
        }
    }

    private static Map<Path, byte[]> segmentHashes(long cameraId) throws Exception {
        Map<Path, byte[]> hashes = new HashMap<>();
        try (Stream<Path> files = Files.list(VigilTestEnvironment.installation().home().root().resolve("storage").resolve(String.valueOf(cameraId)))) {
            files.forEach(file -> hashes.put(file, sha256(file)));
        }
        assertTrue(hashes.size() >= 3, "segment files: " + hashes.keySet());
        return hashes;
    }

    private static byte[] sha256(Path file) {
        try {
            return SegmentCrypto.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
