package org.vigilvms.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.jms.ServiceIdentity;

/** A recorder node's installation folder holds what recording needs and no secret that is the management node's. */
class RecorderNodeSetupTest {

    private static final DatabaseSettings DB = new DatabaseSettings("jdbc:postgresql://db.example:5432/vigil", "vigil", null);

    @TempDir
    Path dir;

    private VigilHome installation;
    private SecretStore installed;

    @BeforeEach
    void installation() {
        installation = new VigilHome(dir.resolve("vigil"));
        installed = ServerSetup.ensure(installation, DB).secrets();
    }

    @Test
    void theNodeSharesOnlyTheRecordersDatabaseAndBrokerPasswordsWithTheInstallation() {
        VigilHome node = RecorderNodeSetup.ensure(installation, new VigilHome(dir.resolve("node")), "vigil-2",
                List.of("vms-2.example.org"), Path.of("/srv/vigil/storage"));
        SecretStore secrets = nodeSecrets(node);

        assertEquals(installed.require(ServerSetup.DB_RECORDER_PASSWORD), secrets.require(ServerSetup.DB_PASSWORD),
                "the node signs in to the database as vigil_recorder");
        Map<String, String> installedSecrets = installed.aliases().stream()
                .collect(Collectors.toMap(Function.identity(), installed::require));
        Map<String, String> shared = secrets.aliases().stream().filter(alias -> installedSecrets.containsValue(secrets.require(alias)))
                .collect(Collectors.toMap(Function.identity(), alias -> installedSecrets.entrySet().stream()
                        .filter(e -> e.getValue().equals(secrets.require(alias))).map(Map.Entry::getKey).findFirst().orElseThrow()));
        assertEquals(Map.of(ServerSetup.DB_PASSWORD, ServerSetup.DB_RECORDER_PASSWORD,
                ServiceIdentity.RECORDER.credentialAlias(), ServiceIdentity.RECORDER.credentialAlias(),
                ServiceIdentity.STORAGE.credentialAlias(), ServiceIdentity.STORAGE.credentialAlias()), shared,
                "every other secret of the node is its own: the owner's database password, the management and analytics "
                        + "broker accounts, the key stores and the directory's bind password stay on the management host");

        Properties props = ServerSetup.readProperties(node.serverProperties());
        assertEquals(ServerSetup.DB_RECORDER_ROLE, props.getProperty("vigil.db.user"));
        assertEquals(DB.url(), props.getProperty("vigil.db.url"));
        assertEquals(node.root().toString(), props.getProperty("vigil.home"));
        assertEquals("vigil-2", props.getProperty("vigil.node.id"));
        assertEquals("false", props.getProperty("vigil.role.management"));
        assertEquals("1", props.getProperty(RecorderNodeSetup.OUTBOX_ANALYTICS_ATTEMPTS), "one attempt of the analytics outbox");
        assertEquals("/srv/vigil/storage", props.getProperty("vigil.storage.dir"));
        assertFalse(Files.exists(node.bootstrapDir()), "no first administrator");
    }

    @Test
    void theNodeHoldsTheCertificatesOfTheCaAndTheSigningKeyButNotTheirKeysAndACertificateOfItsOwn() throws Exception {
        VigilHome node = RecorderNodeSetup.ensure(installation, new VigilHome(dir.resolve("node")), "vigil-2",
                List.of("vms-2.example.org"), null);
        SecretStore secrets = nodeSecrets(node);
        KeyStore installedCa = open(installation.caKeyStore(), installed.require(ServerSetup.CA_KEYSTORE));
        KeyStore ca = open(node.caKeyStore(), secrets.require(ServerSetup.CA_KEYSTORE));
        assertEquals(Set.of(), keyEntries(ca), "no CA key");
        X509Certificate caCertificate = (X509Certificate) installedCa.getCertificate(InternalCa.CA_ALIAS);
        assertArrayEquals(caCertificate.getEncoded(), ca.getCertificate(InternalCa.CA_ALIAS).getEncoded());

        KeyStore installedSigning = open(installation.signingKeyStore(), installed.require(ServerSetup.SIGNING_KEYSTORE));
        KeyStore signing = open(node.signingKeyStore(), secrets.require(ServerSetup.SIGNING_KEYSTORE));
        assertEquals(Set.of(), keyEntries(signing), "no signing or time-stamping key");
        for (String alias : List.of("signing", "tsa")) {
            assertArrayEquals(installedSigning.getCertificate(alias).getEncoded(), signing.getCertificate(alias).getEncoded());
        }

        KeyStore server = open(node.serverKeyStore(), secrets.require(ServerSetup.TLS_KEYSTORE));
        X509Certificate own = (X509Certificate) server.getCertificate("server");
        own.verify(caCertificate.getPublicKey());
        assertTrue(own.getSubjectX500Principal().getName().contains("CN=vigil-2"), own.getSubjectX500Principal().getName());
        assertTrue(own.getSubjectAlternativeNames().stream().anyMatch(name -> name.get(1).equals("vms-2.example.org")),
                "names the host it runs on: " + own.getSubjectAlternativeNames());
        KeyStore installedServer = open(installation.serverKeyStore(), installed.require(ServerSetup.TLS_KEYSTORE));
        assertNotEquals(installedServer.getCertificate("server"), own, "a key of its own, not the management node's");
    }

    @Test
    void theNodeHoldsNoMasterKeyButASealingKeyOfItsOwnThatTheCaCertifiedForKeyAgreementOnly() throws Exception {
        VigilHome node = RecorderNodeSetup.ensure(installation, new VigilHome(dir.resolve("node")), "vigil-2", List.of(), null);
        assertFalse(Files.exists(node.masterKey()), "the master key opens every camera's password and data key: "
                + "it stays on the management host");

        KeyStore seal = open(node.sealKeyStore(), nodeSecrets(node).require(ServerSetup.SEAL_KEYSTORE));
        assertEquals(Set.of("seal"), keyEntries(seal));
        X509Certificate certificate = (X509Certificate) seal.getCertificate("seal");
        X509Certificate ca = (X509Certificate) open(installation.caKeyStore(), installed.require(ServerSetup.CA_KEYSTORE))
                .getCertificate(InternalCa.CA_ALIAS);
        certificate.verify(ca.getPublicKey());
        assertEquals("O=Vigil VMS,OU=camera sealing,CN=vigil-2", certificate.getSubjectX500Principal().getName());
        assertArrayEquals(new boolean[] {false, false, false, false, true, false, false, false, false}, certificate.getKeyUsage(),
                "key agreement only: never TLS, never a signature");
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertEquals(node.sealKeyStore().toString(),
                ServerSetup.readProperties(node.serverProperties()).getProperty("vigil.seal.keystore.file"));
    }

    @Test
    void aNodeFolderMadeBeforeSealingGetsItsSealingKeyAndLosesItsMasterKeyCopy() throws Exception {
        VigilHome node = RecorderNodeSetup.ensure(installation, new VigilHome(dir.resolve("node")), "vigil-2", List.of(), null);
        // as the previous release left it: a master key copy, no sealing key
        Files.copy(installation.masterKey(), node.masterKey());
        Files.delete(node.sealKeyStore());
        Properties before = ServerSetup.readProperties(node.serverProperties());
        before.remove("vigil.seal.keystore.file");
        before.remove(RecorderNodeSetup.OUTBOX_ANALYTICS_ATTEMPTS);
        ServerSetup.writeProperties(node.serverProperties(), before, "previous release");

        RecorderNodeSetup.ensure(installation, node, "vigil-2", List.of(), null);

        assertFalse(Files.exists(node.masterKey()));
        KeyStore seal = open(node.sealKeyStore(), nodeSecrets(node).require(ServerSetup.SEAL_KEYSTORE));
        assertEquals("O=Vigil VMS,OU=camera sealing,CN=vigil-2",
                ((X509Certificate) seal.getCertificate("seal")).getSubjectX500Principal().getName());
        Properties after = ServerSetup.readProperties(node.serverProperties());
        assertEquals(node.sealKeyStore().toString(), after.getProperty("vigil.seal.keystore.file"));
        assertEquals(before.getProperty("vigil.credstore.password"), after.getProperty("vigil.credstore.password"));
        assertEquals("1", after.getProperty(RecorderNodeSetup.OUTBOX_ANALYTICS_ATTEMPTS), "the analytics outbox bounded too");
    }

    @Test
    void aSecondRunKeepsTheNodesFolderAndABadNameIsRefused() throws Exception {
        VigilHome node = new VigilHome(dir.resolve("node"));
        RecorderNodeSetup.ensure(installation, node, "vigil-2", List.of(), null);
        byte[] server = Files.readAllBytes(node.serverKeyStore());
        RecorderNodeSetup.ensure(installation, node, "vigil-2", List.of(), null);
        assertArrayEquals(server, Files.readAllBytes(node.serverKeyStore()));

        SetupException refused = assertThrows(SetupException.class, () -> RecorderNodeSetup.ensure(installation,
                new VigilHome(dir.resolve("other")), "Vigil 3", List.of(), null));
        assertEquals("a node name is lower-case letters, digits and '-', not 'Vigil 3'", refused.getMessage());
        assertFalse(Files.exists(dir.resolve("other")));
    }

    private static SecretStore nodeSecrets(VigilHome node) {
        Properties props = ServerSetup.readProperties(node.serverProperties());
        return SecretStore.open(node.credentialStore(), props.getProperty("vigil.credstore.password").toCharArray(), false);
    }

    private static KeyStore open(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static Set<String> keyEntries(KeyStore store) throws Exception {
        return Collections.list(store.aliases()).stream().filter(alias -> {
            try {
                return store.isKeyEntry(alias);
            } catch (KeyStoreException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
    }
}
