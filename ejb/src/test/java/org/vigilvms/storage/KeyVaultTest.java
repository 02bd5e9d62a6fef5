package org.vigilvms.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyVaultTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void whatIsSealedOpensAtEverySize() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] aad = {1, 2, 3};
        for (int size : new int[] {0, 1, 16383, 16384, 16385, 3 * 16384, 1_000_003}) {
            byte[] plain = new byte[size];
            RANDOM.nextBytes(plain);
            byte[] sealed = KeyVault.seal(key, plain, aad);
            assertArrayEquals(plain, KeyVault.open(key, sealed, aad), "size " + size);
        }
    }

    @Test
    void aFlippedByteOrAnotherPlaceDoesNotOpen() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] plain = new byte[40_000];
        byte[] sealed = KeyVault.seal(key, plain, new byte[] {7});
        assertThrows(KeyVault.TamperedException.class, () -> KeyVault.open(key, sealed, new byte[] {8}));
        sealed[20_000] ^= 1;
        assertThrows(KeyVault.TamperedException.class, () -> KeyVault.open(key, sealed, new byte[] {7}));
    }

    @Test
    void aStreamSealedInPiecesOpensLikeAWholeSealAndItsDigestIsOfTheClearBytes() throws Exception {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] aad = {4, 5};
        for (int size : new int[] {0, 1, 65535, 65536, 65537, 2_000_003}) {
            byte[] plain = new byte[size];
            RANDOM.nextBytes(plain);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            long written = KeyVault.sealStream(key, java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(plain)),
                    java.nio.channels.Channels.newChannel(out), aad, digest);
            byte[] sealed = out.toByteArray();
            assertEquals(KeyVault.sealedLength(size), written, "size " + size);
            assertEquals(written, sealed.length, "size " + size);
            assertArrayEquals(plain, KeyVault.open(key, sealed, aad), "size " + size);
            assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(plain), digest.digest(), "size " + size);
        }
    }
}
