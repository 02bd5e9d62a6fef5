package org.vigilvms.testkit.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.setup.DatabaseSettings;
import org.vigilvms.setup.SecretStore;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.SetupException;
import org.vigilvms.setup.TokenKeys;
import org.vigilvms.setup.VigilHome;

/**
 * Issue #20 item 7: the setup generates the CA, signing, time-stamping and master keys inside a
 * PKCS#11 token (SoftHSM2), sensitive and not extractable; no file of the installation holds a
 * private or secret key but the TLS server key; the CA in the token issues certificates and the
 * signing key is rotated inside it.
 */
class HardwareKeySetupTest {

    private static final DatabaseSettings DB = new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/vigil", "vigil", null);

    @TempDir
    static Path dir;

    private static TokenKeys.Settings token;
    private static VigilHome home;

    @BeforeAll
    static void setUpWithAToken() {
        token = SoftHsm.newToken("vigil-setup-test");
        home = new VigilHome(dir.resolve("hsm-home"));
        ServerSetup.ensure(home, DB, token);
    }

    @Test
    void theKeysAreMadeInsideTheTokenSensitiveAndNotExtractableAndNoFileHoldsThem() throws Exception {
        KeyStore inToken = tokenKeys();
        List<String> labels = Collections.list(inToken.aliases());
        for (String label : List.of("vigil-ca", "signing", "tsa", "vigil-master-1")) {
            assertTrue(labels.contains(label), label + " in the token: " + labels);
            Key key = inToken.getKey(label, null);
            assertNull(key.getEncoded(), label + " cannot be read out of the token");
            assertTrue(key.toString().contains("token object, sensitive, unextractable"), label + ": " + key);
        }
        assertFalse(Files.exists(home.masterKey()), "no master key file");
        assertEquals(List.of(home.serverKeyStore()), keyStoresWithKeys(), "the TLS server key is the only key in a file");

        // the token's signing key signs inside it; its certificate is the one WildFly and the tools read
        X509Certificate signing = (X509Certificate) keyStoreFile(home.signingKeyStore(), ServerSetup.SIGNING_KEYSTORE)
                .getCertificate("signing");
        assertEquals(inToken.getCertificate("signing"), signing);
        Signature signer = Signature.getInstance("SHA256withECDSA", inToken.getProvider());
        signer.initSign((PrivateKey) inToken.getKey("signing", null));
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(signing);
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signer.sign()));
        X509Certificate ca = (X509Certificate) keyStoreFile(home.caKeyStore(), ServerSetup.CA_KEYSTORE).getCertificate("vigil-ca");
        signing.verify(ca.getPublicKey());

        // a second run keeps the keys it finds
        ServerSetup.ensure(home, DB);
        assertEquals(inToken.getCertificate("vigil-ca"), tokenKeys().getCertificate("vigil-ca"));
        assertEquals(List.of(home.serverKeyStore()), keyStoresWithKeys());
    }

    @Test
    void theCaInTheTokenIssuesCertificatesAndTheSigningKeyIsRotatedInsideIt() throws Exception {
        SecretStore secrets = ServerSetup.openSecrets(home);
        X509Certificate ca = (X509Certificate) tokenKeys().getCertificate("vigil-ca");
        KeyStore client = ServerSetup.certificateAuthority(home, secrets).issueClient("svc-recorder@node-2", "pw".toCharArray());
        ((X509Certificate) client.getCertificate("client")).verify(ca.getPublicKey());

        X509Certificate before = (X509Certificate) tokenKeys().getCertificate("signing");
        X509Certificate rotated = ServerSetup.rotateSigningKey(home);
        assertNotEquals(before, rotated);
        rotated.verify(ca.getPublicKey());
        KeyStore after = tokenKeys();
        assertEquals(rotated, after.getCertificate("signing"), "the token holds the new key under the same label");
        assertEquals(1, Collections.list(after.aliases()).stream().filter("signing"::equals).count());
        assertArrayEquals(rotated.getEncoded(), keyStoreFile(home.signingKeyStore(), ServerSetup.SIGNING_KEYSTORE)
                .getCertificate("signing").getEncoded(), "and the certificate file follows");
        assertNull(after.getKey("signing", null).getEncoded());
        assertEquals(List.of(home.serverKeyStore()), keyStoresWithKeys());
    }

    @Test
    void keysAlreadyInFilesAreNotMovedIntoAToken() {
        VigilHome withFiles = new VigilHome(dir.resolve("file-home"));
        ServerSetup.ensure(withFiles, DB);
        SetupException refused = assertThrows(SetupException.class, () -> ServerSetup.ensure(withFiles, DB, token));
        assertTrue(refused.getMessage().startsWith("this installation keeps its keys in files; they are not moved into a token"),
                refused.getMessage());
        assertFalse(Files.exists(withFiles.pkcs11Config()));
    }

    private static KeyStore tokenKeys() {
        return InstallationKeys.token(home);
    }

    private static List<Path> keyStoresWithKeys() {
        return InstallationKeys.keyStoresWithKeys(home);
    }

    private static KeyStore keyStoreFile(Path file, String passwordAlias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, ServerSetup.openSecrets(home).require(passwordAlias).toCharArray());
        }
        return store;
    }
}
