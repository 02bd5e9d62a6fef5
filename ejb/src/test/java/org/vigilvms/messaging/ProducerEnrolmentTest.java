package org.vigilvms.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.vigilvms.platform.InvalidRequestException;

class ProducerEnrolmentTest {

    @Test
    void aRemoteProducerIsAServiceANodeMayRunOnANamedNode() {
        assertEquals("svc-analytics@node-1", ProducerEnrolment.remoteProducer(" svc-analytics@node-1 "));
        assertEquals("svc-recorder@rec-2.site-a", ProducerEnrolment.remoteProducer("svc-recorder@rec-2.site-a"));
        assertEquals("svc-storage@10.1.2.3", ProducerEnrolment.remoteProducer("svc-storage@10.1.2.3"));
        for (String refused : new String[] {"svc-management@node-1", "svc-analytics", "svc-analytics@", "svc-analytics@-node",
                "svc-analytics@node 1", "svc-analytics@node/1", "admin@node-1", "svc-analytics@node@other", "", null}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ProducerEnrolment.remoteProducer(refused),
                    String.valueOf(refused));
            assertTrue(e.getMessage().startsWith("producer must be <service>@<node>"), e.getMessage());
        }
    }

    @Test
    void anyNodesServiceKeyIsNamedForApprovalAndRevocationButNeverABareServiceName() {
        assertEquals("svc-management@vigil-1", ProducerEnrolment.nodeProducer("svc-management@vigil-1"));
        assertEquals("svc-recorder@rec_2.site-a", ProducerEnrolment.nodeProducer(" svc-recorder@rec_2.site-a "));
        for (String refused : new String[] {"svc-management", "svc-analytics@", "svc-analytics@-node", "svc-analytics@node 1",
                "admin@node-1", "svc-analytics@node@other", "", null}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ProducerEnrolment.nodeProducer(refused),
                    String.valueOf(refused));
            assertTrue(e.getMessage().startsWith("producer must be <service>@<node>"), e.getMessage());
        }
    }

    @Test
    void onlyAnEd25519PublicKeyInPemIsTaken() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertEquals(ed.getPublic(), ProducerEnrolment.publicKey(pem("PUBLIC KEY", ed.getPublic().getEncoded())));
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertEquals("publicKey is not an Ed25519 public key", assertThrows(InvalidRequestException.class,
                () -> ProducerEnrolment.publicKey(pem("PUBLIC KEY", ec.getPublic().getEncoded()))).getMessage());
        for (String notAKey : new String[] {pem("PRIVATE KEY", ed.getPrivate().getEncoded()), "not pem at all", "", null}) {
            assertThrows(InvalidRequestException.class, () -> ProducerEnrolment.publicKey(notAKey), String.valueOf(notAKey));
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
