package org.vigilvms.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing with the installation master key and with per-camera data keys that the
 * master key wraps. The master key is kept outside the database: in a file
 * ({@code vigil.master.key.file}) or in a PKCS#11 token, where it is used without ever leaving
 * it ({@link MasterKeys}). Sealed form: 12-byte random nonce, then ciphertext with its 16-byte
 * tag; the associated data binds a sealed value to its place (camera, segment slot), so moving
 * it fails.
 *
 * <p>A vault may know a second key that it opens with but never seals with: the other side of a
 * master key rotation ({@link MasterKeyRotation}) while it runs, the old key after it (until the
 * server restarts), or the new key of a rotation that did not finish.
 */
public final class KeyVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecretKey masterKey;
    private final SecretKey alternateKey;
    private final Provider provider;

    public KeyVault(byte[] masterKey) {
        this(masterKey, null);
    }

    KeyVault(byte[] masterKey, byte[] alternateKey) {
        this(aes(masterKey), alternateKey == null ? null : aes(alternateKey), null);
    }

    /** A vault over keys of {@code provider} (a token's; null: keys in memory, the JDK's AES). */
    KeyVault(SecretKey masterKey, SecretKey alternateKey, Provider provider) {
        this.masterKey = masterKey;
        this.alternateKey = alternateKey;
        this.provider = provider;
    }

    private static SecretKey aes(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a master key must be 32 bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static volatile KeyVault installation;

    /** The installation's vault, from where its master keys are kept ({@link MasterKeys}); read once. */
    public static KeyVault fromSystemProperty() {
        KeyVault vault = installation;
        if (vault == null) {
            synchronized (KeyVault.class) {
                vault = installation;
                if (vault == null) {
                    vault = MasterKeys.installation().vault();
                    installation = vault;
                }
            }
        }
        return vault;
    }

    /** The master key file, as {@code vigil.master.key.file} names it. */
    static Path masterKeyFile() {
        String file = System.getProperty("vigil.master.key.file");
        if (file == null) {
            throw new IllegalStateException("system property vigil.master.key.file is not set (05-system.cli)");
        }
        return Path.of(file);
    }

    /** Replaces the installation's vault (the rotation's steps). */
    public static synchronized void install(KeyVault vault) {
        installation = vault;
    }

    /** The key this vault seals with. */
    public SecretKey master() {
        return masterKey;
    }

    /** A vault that seals with {@code master} and opens with {@code alternate} too, keys of the same place as this one's. */
    public KeyVault with(SecretKey master, SecretKey alternate) {
        return new KeyVault(master, alternate, provider);
    }

    /** Whether this vault opens with a second key besides the one it seals with. */
    public boolean hasAlternate() {
        return alternateKey != null;
    }

    public byte[] sealWithMaster(byte[] plain, byte[] associatedData) {
        try {
            return seal(cipher(), masterKey, plain, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Opens a value sealed with the master key, or with the alternate key when the vault knows one. */
    public byte[] openWithMaster(byte[] sealed, byte[] associatedData) {
        try {
            try {
                return open(cipher(), masterKey, sealed, associatedData);
            } catch (TamperedException e) {
                if (alternateKey == null) {
                    throw e;
                }
                return open(cipher(), alternateKey, sealed, associatedData);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    private Cipher cipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(GCM) : Cipher.getInstance(GCM, provider);
    }

    /** A new random data key, returned wrapped by the master key. */
    public byte[] newWrappedDataKey(byte[] associatedData) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            return sealWithMaster(key, associatedData);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Seals a small value (a key, a password); segments go through {@link #sealStream}. */
    public static byte[] seal(byte[] key, byte[] plain, byte[] associatedData) {
        try {
            return seal(Cipher.getInstance(GCM), new SecretKeySpec(key, "AES"), plain, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    private static byte[] seal(Cipher cipher, Key key, byte[] plain, byte[] associatedData) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE];
        encryptor(cipher, key, nonce, associatedData);
        byte[] sealed = new byte[NONCE + cipher.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, sealed, 0, NONCE);
        cipher.doFinal(plain, 0, plain.length, sealed, NONCE);
        return sealed;
    }

    /** Makes {@code cipher} an AES-GCM encryptor under a fresh random nonce, written into {@code nonce}, with the associated data given. */
    private static Cipher encryptor(Cipher cipher, Key key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        RANDOM.nextBytes(nonce);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    /** Length of {@code plainLength} bytes once sealed: nonce, ciphertext, tag. */
    public static long sealedLength(long plainLength) {
        return NONCE + plainLength + TAG_BITS / 8;
    }

    /** Bytes read, sealed and written at a time by {@link #sealStream}: small enough to stay in the CPU's cache. */
    private static final int STREAM_PIECE = 64 * 1024;

    /**
     * Seals everything {@code in} holds into {@code out}, in the form {@link #seal} gives (so
     * {@link #open} opens it), and feeds the clear bytes to {@code clearDigest} on the way: one
     * pass over a file in small pieces, with no array the size of a segment (on the heap those are
     * "humongous" to G1 and started concurrent collections under load), and pieces small enough
     * that the JIT soon compiles the JDK's AES-GCM intrinsics (a whole segment per call, a few
     * calls a second, ran at 40 MB/s). Returns the bytes written.
     */
    public static long sealStream(byte[] key, ReadableByteChannel in, WritableByteChannel out,
                                  byte[] associatedData, MessageDigest clearDigest) throws IOException {
        try {
            byte[] nonce = new byte[NONCE];
            Cipher cipher = encryptor(Cipher.getInstance(GCM), new SecretKeySpec(key, "AES"), nonce, associatedData);
            long written = writeFully(out, ByteBuffer.wrap(nonce));
            ByteBuffer clear = ByteBuffer.allocate(STREAM_PIECE);
            ByteBuffer sealed = ByteBuffer.allocate(STREAM_PIECE + TAG_BITS / 8);
            while (in.read(clear.clear()) >= 0) {
                clear.flip();
                clearDigest.update(clear.array(), 0, clear.limit());
                int n = cipher.update(clear.array(), 0, clear.limit(), sealed.array(), 0);
                written += writeFully(out, sealed.clear().limit(n));
            }
            int n = cipher.doFinal(sealed.array(), 0);
            return written + writeFully(out, sealed.clear().limit(n));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    private static int writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return n;
    }

    /** Opens a sealed value; throws {@link TamperedException} when it was altered or moved. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) {
        try {
            return open(Cipher.getInstance(GCM), new SecretKeySpec(key, "AES"), sealed, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    private static byte[] open(Cipher cipher, Key key, byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new TamperedException("sealed value too short");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new TamperedException("authentication tag does not match");
        }
    }

    /** A sealed value that does not authenticate. */
    public static final class TamperedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TamperedException(String message) {
            super(message);
        }
    }
}
