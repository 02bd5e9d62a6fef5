package org.vigilvms.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.NodeName;
import org.vigilvms.platform.NodeRoles;

/**
 * The Ed25519 signing keys of the services running in this server, one per
 * {@link ServiceIdentity}, each under the producer name of the service on this node
 * ({@code svc-recorder@vigil-1}). A key is created at first start in the server's data folder
 * (owner-only file) and its public half offered to the producer key registry, where consumers look
 * it up: registered at once on the installation's first node, otherwise once an administrator
 * approved it ({@link OwnKeyPolicy}). A key the registry holds as revoked is replaced by a new one,
 * which waits for approval.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
@Startup
public class ServiceKeyring {

    @Inject
    private InstallationPaths paths;

    @Inject
    private ProducerKeyRegistry registry;

    @Inject
    private Clock clock;

    @Inject
    private NodeName node;

    /** Only the services of this node's roles have keys here: a recorder node cannot sign as management. */
    @Inject
    private NodeRoles roles;

    private final Map<ServiceIdentity, EnvelopeSigner> signers = new EnumMap<>(ServiceIdentity.class);

    @PostConstruct
    void loadOrCreateKeys() {
        Path dir = paths.serverData().resolve("signing-keys");
        // the files are named after the service (this folder is the node's own), the keys after the service on this node
        Map<ServiceIdentity, KeyPair> pairs = new EnumMap<>(ServiceIdentity.class);
        for (ServiceIdentity identity : roles.services()) {
            pairs.put(identity, loadOrCreate(dir, identity.principal()));
        }
        Map<String, OwnKeyPolicy.Decision> decisions = registry.registerOwn(publicKeys(pairs));
        Map<ServiceIdentity, KeyPair> replaced = new EnumMap<>(ServiceIdentity.class);
        for (ServiceIdentity identity : pairs.keySet()) {
            if (decisions.get(producer(identity)) == OwnKeyPolicy.Decision.REPLACE_REVOKED) {
                KeyPair fresh = create(dir, identity.principal());
                VigilLog.LOG.producerKeyRevokedReplaced(producer(identity), fingerprint(pairs.get(identity).getPublic()),
                        fingerprint(fresh.getPublic()));
                replaced.put(identity, fresh);
            }
        }
        if (!replaced.isEmpty()) {
            pairs.putAll(replaced);
            registry.registerOwn(publicKeys(replaced));
        }
        pairs.forEach((identity, pair) -> signers.put(identity, new EnvelopeSigner(producer(identity), pair.getPrivate(), clock)));
    }

    /** The producer name of {@code identity} on this node, as its envelopes carry it. */
    public String producer(ServiceIdentity identity) {
        return ProducerName.of(identity, node.value());
    }

    /** The signer of {@code identity} on this node; a service of a role this node does not run has none. */
    public EnvelopeSigner signer(ServiceIdentity identity) {
        EnvelopeSigner signer = signers.get(identity);
        if (signer == null) {
            throw new IllegalStateException("node " + node + " runs " + roles + " and holds no key of " + identity.principal());
        }
        return signer;
    }

    private Map<String, PublicKey> publicKeys(Map<ServiceIdentity, KeyPair> pairs) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        pairs.forEach((identity, pair) -> keys.put(producer(identity), pair.getPublic()));
        return keys;
    }

    static String fingerprint(PublicKey key) {
        return fingerprint(key.getEncoded());
    }

    /** The fingerprint of a public key in its X.509 encoding, as the registry stores it. */
    static String fingerprint(byte[] encodedKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encodedKey);
            return "SHA256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair loadOrCreate(Path dir, String name) {
        Path privateFile = dir.resolve(name + ".key");
        Path publicFile = dir.resolve(name + ".pub");
        try {
            KeyFactory factory = KeyFactory.getInstance(EnvelopeSigner.ALGORITHM);
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
                return new KeyPair(publicKey, privateKey);
            }
            return create(dir, name);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the signing key of " + name + " in " + dir, e);
        }
    }

    /** A new key pair for {@code name}, written over any it had. */
    private static KeyPair create(Path dir, String name) {
        Path privateFile = dir.resolve(name + ".key");
        Path publicFile = dir.resolve(name + ".pub");
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            KeyPair pair = KeyPairGenerator.getInstance(EnvelopeSigner.ALGORITHM).generateKeyPair();
            Files.deleteIfExists(privateFile);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(privateFile, pair.getPrivate().getEncoded()); // owner-only from its first byte
            Files.write(publicFile, pair.getPublic().getEncoded());
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the signing key of " + name + " in " + dir, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
