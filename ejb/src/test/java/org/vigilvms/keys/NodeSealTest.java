package org.vigilvms.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A camera secret sealed for one node opens with that node's key, for that camera and node, and nowhere else. */
class NodeSealTest {

    private static final byte[] PASSWORD = "camera-secret".getBytes(StandardCharsets.UTF_8);

    private final KeyPair vigil2 = newPair();
    private final KeyPair vigil3 = newPair();

    @Test
    void theNodeItWasSealedForOpensIt() {
        byte[] sealed = NodeSeal.seal(vigil2.getPublic(), PASSWORD, CameraKeys.sealedPasswordAad(7, "vigil-2"));
        assertArrayEquals(PASSWORD, NodeSeal.open(vigil2.getPrivate(), sealed, CameraKeys.sealedPasswordAad(7, "vigil-2")));
    }

    @Test
    void everySealIsFreshSoTwoSealsOfOneSecretDiffer() {
        byte[] first = NodeSeal.seal(vigil2.getPublic(), PASSWORD, CameraKeys.sealedPasswordAad(7, "vigil-2"));
        byte[] second = NodeSeal.seal(vigil2.getPublic(), PASSWORD, CameraKeys.sealedPasswordAad(7, "vigil-2"));
        assertEquals(first.length, second.length);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void anotherNodesKeyCannotOpenIt() {
        byte[] sealed = NodeSeal.seal(vigil2.getPublic(), PASSWORD, CameraKeys.sealedPasswordAad(7, "vigil-2"));
        KeyVault.TamperedException refused = assertThrows(KeyVault.TamperedException.class,
                () -> NodeSeal.open(vigil3.getPrivate(), sealed, CameraKeys.sealedPasswordAad(7, "vigil-2")));
        assertEquals("authentication tag does not match", refused.getMessage());
    }

    @Test
    void aSealMovedToAnotherCameraOrNodeOrPurposeDoesNotOpen() {
        byte[] sealed = NodeSeal.seal(vigil2.getPublic(), PASSWORD, CameraKeys.sealedPasswordAad(7, "vigil-2"));
        for (byte[] elsewhere : new byte[][] {CameraKeys.sealedPasswordAad(8, "vigil-2"), CameraKeys.sealedPasswordAad(7, "vigil-3"),
                CameraKeys.sealedDataKeyAad(7, "vigil-2"), CameraKeys.passwordAad(7)}) {
            assertThrows(KeyVault.TamperedException.class, () -> NodeSeal.open(vigil2.getPrivate(), sealed, elsewhere));
        }
    }

    @Test
    void aChangedByteOrAForeignFormIsRefused() {
        byte[] sealed = NodeSeal.seal(vigil2.getPublic(), PASSWORD, CameraKeys.sealedDataKeyAad(7, "vigil-2"));
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 20] ^= 1;
        assertThrows(KeyVault.TamperedException.class,
                () -> NodeSeal.open(vigil2.getPrivate(), flipped, CameraKeys.sealedDataKeyAad(7, "vigil-2")));
        byte[] otherVersion = sealed.clone();
        otherVersion[0] = 2;
        assertEquals("not a node seal of version 1", assertThrows(KeyVault.TamperedException.class,
                () -> NodeSeal.open(vigil2.getPrivate(), otherVersion, CameraKeys.sealedDataKeyAad(7, "vigil-2"))).getMessage());
        byte[] cut = Arrays.copyOf(sealed, 40);
        assertEquals("node seal too short", assertThrows(KeyVault.TamperedException.class,
                () -> NodeSeal.open(vigil2.getPrivate(), cut, CameraKeys.sealedDataKeyAad(7, "vigil-2"))).getMessage());
    }

    static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
