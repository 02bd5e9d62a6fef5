package org.vigilvms.keys;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vigilvms.platform.InstallationSecrets;

/**
 * The key a node opens its cameras' secrets with ({@link NodeSeal}), when it has one: a recorder
 * node set up apart from the management node holds this instead of the master key. Its key store
 * is named by {@code vigil.seal.keystore.file} (alias {@code seal}, an EC P-256 key whose
 * certificate the installation's CA issued for key agreement only), its password is the credential
 * store's {@code seal-keystore}. Loaded once. What it opened is kept, bounded, keyed by the sealed
 * bytes: the recorder asks every second, and an ECDH each time would cost a core's percent at 64 cameras.
 */
public final class NodeSealKey {

    static final String PROPERTY = "vigil.seal.keystore.file";
    private static final String ALIAS = "seal";
    private static final String PASSWORD_ALIAS = "seal-keystore";
    private static final int KEPT = 4096;
    private static volatile Optional<NodeSealKey> installed;

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Map<ByteBuffer, byte[]> opened = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
            return size() > KEPT;
        }
    });

    public NodeSealKey(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** This node's key, or empty when the node opens camera secrets with the master key. */
    public static Optional<NodeSealKey> ofThisNode() {
        Optional<NodeSealKey> loaded = installed;
        if (loaded == null) {
            String file = System.getProperty(PROPERTY);
            loaded = file == null || file.isBlank() ? Optional.empty() : Optional.of(load(Path.of(file)));
            installed = loaded;
        }
        return loaded;
    }

    private static NodeSealKey load(Path file) {
        char[] password = InstallationSecrets.read(PASSWORD_ALIAS);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, password);
            if (key == null || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
                throw new IllegalStateException(file + " holds no key '" + ALIAS + "' (run the node's setup again)");
            }
            return new NodeSealKey(key, certificate);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the node's sealing key " + file + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's DER form, as the node publishes it with its lease. */
    public byte[] certificateBytes() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the node's sealing certificate", e);
        }
    }

    /** Opens a value sealed for this node; {@link KeyVault.TamperedException} when it was sealed for another or altered. */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        ByteBuffer id = ByteBuffer.wrap(digest(sealed, associatedData));
        byte[] known = opened.get(id);
        if (known != null) {
            return known.clone();
        }
        byte[] plain = NodeSeal.open(key, sealed, associatedData);
        opened.put(id, plain.clone());
        return plain;
    }

    private static byte[] digest(byte[] sealed, byte[] associatedData) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(associatedData);
            sha256.update((byte) 0);
            return sha256.digest(sealed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
