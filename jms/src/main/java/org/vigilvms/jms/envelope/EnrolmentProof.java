package org.vigilvms.jms.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Proof that whoever asks to enrol a producer key holds its private half: an Ed25519 signature
 * over a statement naming the producer. The node makes it with the key it will sign envelopes
 * with; the management server checks it before the key is registered. Binding the producer name
 * into the statement keeps one proof from enrolling the key under another name.
 */
public final class EnrolmentProof {

    private EnrolmentProof() {
    }

    /** The bytes signed: a fixed context, then the producer name. */
    static byte[] statement(String producer) {
        return ("vigil producer key enrolment v1\n" + producer).getBytes(StandardCharsets.UTF_8);
    }

    /** The proof for enrolling {@code key}'s public half as {@code producer}. */
    public static byte[] sign(PrivateKey key, String producer) {
        try {
            Signature signature = Signature.getInstance(EnvelopeSigner.ALGORITHM);
            signature.initSign(key);
            signature.update(statement(producer));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an " + EnvelopeSigner.ALGORITHM + " private key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code proof} was made with the private half of {@code key} for {@code producer}. */
    public static boolean verify(PublicKey key, String producer, byte[] proof) {
        try {
            Signature signature = Signature.getInstance(EnvelopeSigner.ALGORITHM);
            signature.initVerify(key);
            signature.update(statement(producer));
            return signature.verify(proof);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not an Ed25519 key, or malformed signature bytes: no proof
        }
    }
}
