package org.vigilvms.jms.envelope;

import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Seals outgoing messages of one producer: stamps time, epoch and the next sequence number and
 * signs the result with the producer's Ed25519 key. Thread-safe; one instance per producer
 * process, so sequence numbers never repeat within an epoch.
 */
public final class EnvelopeSigner {

    public static final String ALGORITHM = "Ed25519";

    private final String producer;
    /** Parsed once: Bouncy Castle derives and keeps the public key, which signing needs, in it. */
    private final AsymmetricKeyParameter key;
    private final Clock clock;
    private final String epoch = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    public EnvelopeSigner(String producer, PrivateKey key, Clock clock) {
        this.producer = producer;
        try {
            this.key = PrivateKeyFactory.createKey(key.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an " + ALGORITHM + " private key: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    public String producer() {
        return producer;
    }

    public Envelope seal(String destination, String type, byte[] payload) {
        long seq = sequence.incrementAndGet();
        long now = clock.millis();
        byte[] signed = Envelope.signedBytes(destination, type, producer, epoch, seq, now, payload);
        return new Envelope(destination, type, producer, epoch, seq, now, payload, sign(key, signed));
    }

    private static byte[] sign(AsymmetricKeyParameter key, byte[] data) {
        try {
            // Bouncy Castle's Ed25519 (same signatures as the JDK's, RFC 8032, much less CPU)
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(data, 0, data.length);
            return signer.generateSignature();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }
}
