package org.vigilvms.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a small secret (a camera's password or data key) for one node's EC P-256 key, so that
 * only that node opens it: a fresh key pair per seal, ECDH with the node's public key, HKDF-SHA256
 * of the shared secret into an AES-256 key, and AES-GCM ({@link KeyVault#seal}) under associated
 * data that names the camera, the node and what the secret is. The form: version byte, length of
 * the fresh public key (2 bytes), that key (X.509 encoded), then the AES-GCM value.
 */
public final class NodeSeal {

    private static final byte VERSION = 1;
    private static final byte[] INFO = "vigil node seal v1".getBytes(StandardCharsets.US_ASCII);

    private NodeSeal() {
    }

    /** {@code plain} sealed for the holder of the private key that belongs to {@code recipient}. */
    public static byte[] seal(PublicKey recipient, byte[] plain, byte[] associatedData) {
        if (!(recipient instanceof ECPublicKey)) {
            throw new IllegalArgumentException("a node seals with an EC P-256 key, not " + recipient.getAlgorithm());
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair fresh = generator.generateKeyPair();
            byte[] freshPublic = fresh.getPublic().getEncoded();
            byte[] key = derive(fresh.getPrivate(), recipient, freshPublic);
            try {
                byte[] sealed = KeyVault.seal(key, plain, associatedData);
                return ByteBuffer.allocate(3 + freshPublic.length + sealed.length).put(VERSION)
                        .putShort((short) freshPublic.length).put(freshPublic).put(sealed).array();
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal for a node: " + e.getMessage(), e);
        }
    }

    /** Opens what {@link #seal} sealed for {@code own}'s public key; {@link KeyVault.TamperedException} otherwise. */
    public static byte[] open(PrivateKey own, byte[] sealed, byte[] associatedData) {
        ByteBuffer in = ByteBuffer.wrap(sealed);
        if (sealed.length < 3 || in.get() != VERSION) {
            throw new KeyVault.TamperedException("not a node seal of version " + VERSION);
        }
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new KeyVault.TamperedException("node seal too short");
        }
        byte[] freshPublic = new byte[length];
        in.get(freshPublic);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        byte[] key;
        try {
            PublicKey fresh = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(freshPublic));
            key = derive(own, fresh, freshPublic);
        } catch (GeneralSecurityException e) {
            throw new KeyVault.TamperedException("the seal's public key is not a P-256 point: " + e.getMessage());
        }
        try {
            return KeyVault.open(key, rest, associatedData);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** HKDF-SHA256 (RFC 5869) of the ECDH secret, salted with the fresh public key: 32 bytes. */
    private static byte[] derive(PrivateKey privateKey, PublicKey publicKey, byte[] salt) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        byte[] shared = agreement.generateSecret();
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] pseudoRandom = extract.doFinal(shared);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandom, "HmacSHA256"));
            expand.update(INFO);
            expand.update((byte) 1);
            return expand.doFinal();
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
