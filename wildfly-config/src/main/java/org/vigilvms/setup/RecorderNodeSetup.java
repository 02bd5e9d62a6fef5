package org.vigilvms.setup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.vigilvms.jms.ServiceIdentity;

/**
 * The installation folder of a node that runs the recorder role only, made on the management
 * host from the installation's folder and copied to the node. It holds what recording needs and
 * none of the secrets that would let a compromised recorder act as the management node:
 * <ul>
 * <li>the database role {@code vigil_recorder}'s password as the node's {@code db-password}, never
 * the owner's;</li>
 * <li>the broker passwords of {@code svc-recorder} and {@code svc-storage}; the other services'
 * accounts get passwords of the node's own, which no other broker knows;</li>
 * <li>a server certificate of its own from the installation's CA (for its TLS listener and the
 * outboxes' bridge), the CA's and the signing key's certificates without their keys, the trust
 * store of the installation's CA;</li>
 * <li>no master key: a sealing key of its own ({@code seal.p12}, EC P-256, its certificate from the
 * installation's CA naming the node, for key agreement only), for which the management node seals
 * the password and data key of each camera the node records, and of no other;</li>
 * <li>no LDAP bind password, SIEM or OpenID settings, first administrator or metrics password of
 * the installation's.</li>
 * </ul>
 * Made once; a later call keeps what is there, except that a node folder made before camera
 * secrets were sealed per node gets its sealing key and loses its copy of the master key.
 */
public final class RecorderNodeSetup {

    /** The system property that bounds the analytics outbox bridge's connection attempts (50-messaging.cli; -1: no bound, else 1 or more). */
    static final String OUTBOX_ANALYTICS_ATTEMPTS = "vigil.outbox.analytics.attempts";

    /** Its value on a node without analytics: the least WildFly takes (an attempt and one retry). */
    private static final String ONE_ATTEMPT = "1";

    /** The system property that names the node's sealing key store (read by the server's {@code NodeSealKey}). */
    static final String SEAL_KEYSTORE_PROPERTY = "vigil.seal.keystore.file";

    private RecorderNodeSetup() {
    }

    /**
     * Makes {@code node} the folder of the recorder node {@code nodeId} of {@code installation}
     * (unless it exists), its server certificate naming {@code hostNames} besides the local ones.
     * {@code storageDir}: the installation's default storage folder as the node reaches it (shared
     * storage), or null for the node's own.
     */
    public static VigilHome ensure(VigilHome installation, VigilHome node, String nodeId, List<String> hostNames,
            Path storageDir) {
        if (!nodeId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new SetupException("a node name is lower-case letters, digits and '-', not '" + nodeId + "'");
        }
        if (Files.isRegularFile(node.serverProperties())) {
            if (!Files.isRegularFile(node.sealKeyStore())) {
                upgradeToSealing(installation, node, nodeId);
            }
            boundAnalyticsOutbox(node, nodeId);
            return node;
        }
        if (Files.isRegularFile(installation.pkcs11Config())) {
            throw new SetupException("the installation keeps its keys in a PKCS#11 token: its recorder nodes cannot be set up "
                    + "from files");
        }
        Properties installed = ServerSetup.readProperties(installation.serverProperties());
        if (installed.isEmpty()) {
            throw new SetupException(installation.root() + " is no Vigil installation: set it up first");
        }
        SecretStore source = ServerSetup.openSecrets(installation);
        ServerSetup.createPrivateDir(node.root());
        ServerSetup.createPrivateDir(node.secretsDir());
        ServerSetup.createPrivateDir(node.tlsDir());

        String storePassword = Passwords.generate();
        SecretStore secrets = SecretStore.open(node.credentialStore(), storePassword.toCharArray(), true);
        FilePermissions.ownerOnly(node.credentialStore());
        secrets.put(ServerSetup.DB_PASSWORD, source.require(ServerSetup.DB_RECORDER_PASSWORD));
        for (ServiceIdentity service : List.of(ServiceIdentity.RECORDER, ServiceIdentity.STORAGE)) {
            secrets.put(service.credentialAlias(), source.require(service.credentialAlias()));
        }
        writeTls(installation, source, node, secrets, nodeId, hostNames);
        writeSealKey(installation, source, node, secrets, nodeId);
        ServerSetup.writeBrokerIdentities(node, secrets);
        ServerSetup.writeScraperIdentity(node, secrets);
        secrets.getOrGenerate(ServerSetup.LDAP_BIND);

        Properties props = new Properties();
        ServerSetup.ensureOidcTrustStore(node, props);
        props.setProperty(ServerSetup.P_HOME, node.root().toString());
        props.setProperty(ServerSetup.P_CREDSTORE_PASSWORD, storePassword);
        props.setProperty(ServerSetup.P_DB_URL, installed.getProperty(ServerSetup.P_DB_URL));
        props.setProperty(ServerSetup.P_DB_USER, ServerSetup.DB_RECORDER_ROLE);
        props.setProperty("vigil.node.id", nodeId);
        props.setProperty(SEAL_KEYSTORE_PROPERTY, node.sealKeyStore().toString());
        props.setProperty("vigil.role.management", "false");
        props.setProperty("vigil.role.analytics", "false");
        // it posts no analytics events and holds no svc-analytics password the management broker knows: that outbox's
        // bridge gives up after its first attempt (50-messaging.cli) rather than logging a refused sign-in every 30 s for ever
        props.setProperty(OUTBOX_ANALYTICS_ATTEMPTS, ONE_ATTEMPT);
        if (storageDir != null) {
            props.setProperty("vigil.storage.dir", storageDir.toString());
        }
        String cameraNetworks = installed.getProperty("vigil.camera.networks.allowed");
        if (cameraNetworks != null) {
            props.setProperty("vigil.camera.networks.allowed", cameraNetworks);
        }
        ServerSetup.writeProperties(node.serverProperties(), props, propertiesHeader(nodeId));
        return node;
    }

    private static void writeTls(VigilHome installation, SecretStore source, VigilHome node, SecretStore secrets, String nodeId,
            List<String> hostNames) {
        InternalCa ca = InternalCa.load(installation.caKeyStore(), source.require(ServerSetup.CA_KEYSTORE).toCharArray());
        ca.saveCertificate(node.caKeyStore(), secrets.getOrGenerate(ServerSetup.CA_KEYSTORE).toCharArray());
        List<String> names = new ArrayList<>(List.of("localhost"));
        InternalCa.localHostNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
        hostNames.stream().filter(n -> !names.contains(n)).forEach(names::add);
        char[] serverPassword = secrets.getOrGenerate(ServerSetup.TLS_KEYSTORE).toCharArray();
        InternalCa.write(ca.issueServer(nodeId, names, List.of("127.0.0.1", "::1"), serverPassword), node.serverKeyStore(),
                serverPassword);
        InternalCa.write(ca.trustStore(), node.trustStore(), secrets.getOrGenerate(ServerSetup.TLS_TRUSTSTORE).toCharArray());
        InternalCa.write(InternalCa.trustStoreOf(List.of()), node.ldapTrustStore(),
                secrets.getOrGenerate(ServerSetup.LDAP_TRUSTSTORE).toCharArray());
        InternalCa.write(InternalCa.trustStoreOf(List.of()), node.siemTrustStore(),
                secrets.getOrGenerate(ServerSetup.SIEM_TRUSTSTORE).toCharArray());
        InternalCa.write(signingCertificates(installation, source), node.signingKeyStore(),
                secrets.getOrGenerate(ServerSetup.SIGNING_KEYSTORE).toCharArray());
    }

    /** The signing and time-stamping certificates, without their keys: what the server opens at boot. */
    private static KeyStore signingCertificates(VigilHome installation, SecretStore source) {
        char[] password = source.require(ServerSetup.SIGNING_KEYSTORE).toCharArray();
        try (InputStream in = Files.newInputStream(installation.signingKeyStore())) {
            KeyStore signing = KeyStore.getInstance("PKCS12");
            signing.load(in, password);
            KeyStore certificates = KeyStore.getInstance("PKCS12");
            certificates.load(null, null);
            for (String alias : List.of("signing", "tsa")) {
                if (signing.containsAlias(alias)) {
                    certificates.setCertificateEntry(alias, signing.getCertificate(alias));
                }
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException("cannot read " + installation.signingKeyStore() + ": " + e.getMessage(), e);
        }
    }

    private static void writeSealKey(VigilHome installation, SecretStore source, VigilHome node, SecretStore secrets, String nodeId) {
        InternalCa ca = InternalCa.load(installation.caKeyStore(), source.require(ServerSetup.CA_KEYSTORE).toCharArray());
        char[] password = secrets.getOrGenerate(ServerSetup.SEAL_KEYSTORE).toCharArray();
        InternalCa.write(ca.issueSealing(nodeId, password), node.sealKeyStore(), password);
        FilePermissions.ownerOnly(node.sealKeyStore());
    }

    /** A node folder from before camera secrets were sealed per node: its own sealing key instead of the master key. */
    private static String propertiesHeader(String nodeId) {
        return "System properties for WildFly (--properties) of recorder node " + nodeId + ". Secret: readable by the owner only.";
    }

    /** A node set up by an earlier release gets the analytics outbox's bound too. */
    private static void boundAnalyticsOutbox(VigilHome node, String nodeId) {
        Properties props = ServerSetup.readProperties(node.serverProperties());
        if (props.getProperty(OUTBOX_ANALYTICS_ATTEMPTS) == null) {
            props.setProperty(OUTBOX_ANALYTICS_ATTEMPTS, ONE_ATTEMPT);
            ServerSetup.writeProperties(node.serverProperties(), props, propertiesHeader(nodeId));
        }
    }

    private static void upgradeToSealing(VigilHome installation, VigilHome node, String nodeId) {
        writeSealKey(installation, ServerSetup.openSecrets(installation), node, ServerSetup.openSecrets(node), nodeId);
        Properties props = ServerSetup.readProperties(node.serverProperties());
        props.setProperty(SEAL_KEYSTORE_PROPERTY, node.sealKeyStore().toString());
        ServerSetup.writeProperties(node.serverProperties(), props, propertiesHeader(nodeId));
        try {
            Files.deleteIfExists(node.masterKey());
        } catch (IOException e) {
            throw new SetupException("cannot delete the master key copy " + node.masterKey() + ": " + e.getMessage(), e);
        }
    }
}
