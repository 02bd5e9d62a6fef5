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
import java.util.Map;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.InstallationPaths;

/**
 * The Ed25519 signing keys of the services running in this server, one per
 * {@link ServiceIdentity}. A key is created at first start in the server's data folder (owner-only
 * file) and its public half registered in the producer key registry, where consumers look it up.
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

    private final Map<ServiceIdentity, EnvelopeSigner> signers = new EnumMap<>(ServiceIdentity.class);

    @PostConstruct
    void loadOrCreateKeys() {
        Path dir = paths.serverData().resolve("signing-keys");
        for (ServiceIdentity identity : ServiceIdentity.values()) {
            KeyPair pair = loadOrCreate(dir, identity.principal());
            registry.register(identity.principal(), pair.getPublic());
            VigilLog.LOG.producerKeyRegistered(identity.principal(), fingerprint(pair.getPublic()));
            signers.put(identity, new EnvelopeSigner(identity.principal(), pair.getPrivate(), clock));
        }
    }

    public EnvelopeSigner signer(ServiceIdentity identity) {
        return signers.get(identity);
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
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            KeyPair pair = KeyPairGenerator.getInstance(EnvelopeSigner.ALGORITHM).generateKeyPair();
            Files.write(privateFile, pair.getPrivate().getEncoded());
            restrict(privateFile, "rw-------");
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
