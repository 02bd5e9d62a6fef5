package org.vigilvms.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.security.MessageDigest;
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
    void aVaultWithASecondKeyOpensWithBothButSealsWithItsOwnOnly() {
        byte[] current = new byte[32];
        byte[] other = new byte[32];
        RANDOM.nextBytes(current);
        RANDOM.nextBytes(other);
        byte[] aad = {7};
        byte[] underOther = KeyVault.seal(other, new byte[] {1, 2}, aad);
        KeyVault rotating = new KeyVault(current, other);
        assertArrayEquals(new byte[] {1, 2}, rotating.openWithMaster(underOther, aad), "opened with the second key");
        byte[] sealed = rotating.sealWithMaster(new byte[] {3}, aad);
        assertArrayEquals(new byte[] {3}, KeyVault.open(current, sealed, aad), "sealed with its own key");
        assertThrows(KeyVault.TamperedException.class, () -> KeyVault.open(other, sealed, aad));
        assertThrows(KeyVault.TamperedException.class, () -> new KeyVault(current).openWithMaster(underOther, aad),
                "a vault without the second key does not open what it sealed");
        assertThrows(KeyVault.TamperedException.class, () -> rotating.openWithMaster(underOther, new byte[] {8}),
                "the associated data binds under either key");
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
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long written = KeyVault.sealStream(key, Channels.newChannel(new ByteArrayInputStream(plain)),
                    Channels.newChannel(out), aad, digest);
            byte[] sealed = out.toByteArray();
            assertEquals(KeyVault.sealedLength(size), written, "size " + size);
            assertEquals(written, sealed.length, "size " + size);
            assertArrayEquals(plain, KeyVault.open(key, sealed, aad), "size " + size);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(plain), digest.digest(), "size " + size);
        }
    }
}
