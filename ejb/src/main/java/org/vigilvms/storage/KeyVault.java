package org.vigilvms.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing with the installation master key (the file named by the system property
 * {@code vigil.master.key.file}, outside the database) and with per-camera data keys that the
 * master key wraps. Sealed form: 12-byte random nonce, then ciphertext with its 16-byte tag; the
 * associated data binds a sealed value to its place (camera, segment slot), so moving it fails.
 */
public final class KeyVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final byte[] masterKey;

    public KeyVault(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes, is " + masterKey.length);
        }
        this.masterKey = masterKey.clone();
    }

    private static volatile KeyVault installation;

    /** The installation's vault, from {@code vigil.master.key.file}; the file is read once. */
    public static KeyVault fromSystemProperty() {
        KeyVault vault = installation;
        if (vault == null) {
            String file = System.getProperty("vigil.master.key.file");
            if (file == null) {
                throw new IllegalStateException("system property vigil.master.key.file is not set (05-system.cli)");
            }
            try {
                vault = new KeyVault(Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the master key " + file + ": " + e.getMessage(), e);
            }
            installation = vault;
        }
        return vault;
    }

    public byte[] sealWithMaster(byte[] plain, byte[] associatedData) {
        return seal(masterKey, plain, associatedData);
    }

    public byte[] openWithMaster(byte[] sealed, byte[] associatedData) {
        return open(masterKey, sealed, associatedData);
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
            byte[] nonce = new byte[NONCE];
            Cipher cipher = encryptor(key, nonce, associatedData);
            byte[] sealed = new byte[NONCE + cipher.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE);
            cipher.doFinal(plain, 0, plain.length, sealed, NONCE);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** An AES-GCM encryptor under a fresh random nonce, written into {@code nonce}, with the associated data given. */
    private static Cipher encryptor(byte[] key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
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
    public static long sealStream(byte[] key, java.nio.channels.ReadableByteChannel in, java.nio.channels.WritableByteChannel out,
                                  byte[] associatedData, java.security.MessageDigest clearDigest) throws IOException {
        try {
            byte[] nonce = new byte[NONCE];
            Cipher cipher = encryptor(key, nonce, associatedData);
            long written = writeFully(out, java.nio.ByteBuffer.wrap(nonce));
            java.nio.ByteBuffer clear = java.nio.ByteBuffer.allocate(STREAM_PIECE);
            java.nio.ByteBuffer sealed = java.nio.ByteBuffer.allocate(STREAM_PIECE + TAG_BITS / 8);
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

    private static int writeFully(java.nio.channels.WritableByteChannel out, java.nio.ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return n;
    }

    /** Opens a sealed value; throws {@link TamperedException} when it was altered or moved. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new TamperedException("sealed value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TamperedException("authentication tag does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
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
