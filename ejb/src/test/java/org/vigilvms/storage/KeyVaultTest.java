package org.vigilvms.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyVaultTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void whatIsSealedInPiecesOpensWholeAtEverySizeAroundThePieceLength() {
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
}
