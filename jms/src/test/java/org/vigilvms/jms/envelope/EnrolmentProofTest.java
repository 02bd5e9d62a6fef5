package org.vigilvms.jms.envelope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

class EnrolmentProofTest {

    @Test
    void aProofVerifiesForItsKeyAndProducerOnly() throws Exception {
        KeyPair node = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] proof = EnrolmentProof.sign(node.getPrivate(), "svc-analytics@node-1");

        assertTrue(EnrolmentProof.verify(node.getPublic(), "svc-analytics@node-1", proof));
        assertFalse(EnrolmentProof.verify(node.getPublic(), "svc-recorder@node-1", proof), "another producer name");
        assertFalse(EnrolmentProof.verify(other.getPublic(), "svc-analytics@node-1", proof), "someone else's key");
        byte[] altered = proof.clone();
        altered[7] ^= 1;
        assertFalse(EnrolmentProof.verify(node.getPublic(), "svc-analytics@node-1", altered), "altered proof");
        assertFalse(EnrolmentProof.verify(node.getPublic(), "svc-analytics@node-1", new byte[3]), "malformed proof");
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertFalse(EnrolmentProof.verify(ec.getPublic(), "svc-analytics@node-1", proof), "a key of another algorithm");
    }
}
