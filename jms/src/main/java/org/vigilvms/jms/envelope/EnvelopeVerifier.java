package org.vigilvms.jms.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Decides whether an incoming envelope may be processed: it must come from a registered producer,
 * carry a valid signature over everything including its destination, be fresh, and be seen for
 * the first time. The replay check runs last, so forged messages never consume a sequence number.
 */
public final class EnvelopeVerifier {

    /** Where consumers find a producer's public key (in the server: the service key registry). */
    @FunctionalInterface
    public interface ProducerKeys {
        Optional<PublicKey> publicKeyOf(String producer);
    }

    /**
     * Remembers accepted (producer, epoch, sequence) triples for at least the freshness window.
     * Returns false when the triple was recorded before.
     */
    @FunctionalInterface
    public interface ReplayGuard {
        boolean firstDelivery(String producer, String epoch, long sequence, long sentAtMs);
    }

    private final ProducerKeys keys;
    private final ReplayGuard replayGuard;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxFutureSkew;

    public EnvelopeVerifier(ProducerKeys keys, ReplayGuard replayGuard, Clock clock, Duration maxAge,
                            Duration maxFutureSkew) {
        this.keys = keys;
        this.replayGuard = replayGuard;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxFutureSkew = maxFutureSkew;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** Verifies {@code envelope}, which was received on destination {@code arrivedOn}. */
    public Verdict verify(Envelope envelope, String arrivedOn) {
        Optional<PublicKey> key = keys.publicKeyOf(envelope.producer());
        if (key.isEmpty()) {
            return Verdict.rejected(Rejection.UNKNOWN_PRODUCER, "no key registered for " + envelope.producer());
        }
        if (!signatureValid(key.get(), envelope)) {
            return Verdict.rejected(Rejection.BAD_SIGNATURE, "signature does not verify with the key of "
                    + envelope.producer());
        }
        if (!envelope.destination().equals(arrivedOn)) {
            return Verdict.rejected(Rejection.WRONG_DESTINATION,
                    "signed for " + envelope.destination() + ", arrived on " + arrivedOn);
        }
        long now = clock.millis();
        long age = now - envelope.sentAtMs();
        if (age > maxAge.toMillis()) {
            return Verdict.rejected(Rejection.STALE, "sent " + age + " ms ago, window " + maxAge.toMillis() + " ms");
        }
        if (-age > maxFutureSkew.toMillis()) {
            return Verdict.rejected(Rejection.FROM_FUTURE, "sent " + (-age) + " ms in the future");
        }
        if (!replayGuard.firstDelivery(envelope.producer(), envelope.epoch(), envelope.sequence(),
                envelope.sentAtMs())) {
            return Verdict.rejected(Rejection.REPLAYED,
                    "sequence " + envelope.epoch() + "/" + envelope.sequence() + " already accepted");
        }
        return Verdict.accepted();
    }

    /**
     * Producer keys as Bouncy Castle parsed and checked them (decoding a point and checking its
     * order costs about as much as a verification); a handful of producers, so never large.
     */
    private static final Map<ByteBuffer, AsymmetricKeyParameter> PARSED =
            new ConcurrentHashMap<>();

    private static AsymmetricKeyParameter parsed(PublicKey key) throws IOException {
        ByteBuffer encoded = ByteBuffer.wrap(key.getEncoded());
        AsymmetricKeyParameter known = PARSED.get(encoded);
        if (known == null) {
            known = PublicKeyFactory.createKey(encoded.array());
            if (PARSED.size() >= 256) {
                PARSED.clear(); // keys rotated many times: start over rather than grow
            }
            PARSED.put(encoded, known);
        }
        return known;
    }

    private static boolean signatureValid(PublicKey key, Envelope envelope) {
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, parsed(key));
            byte[] signed = envelope.signedBytes();
            verifier.update(signed, 0, signed.length);
            return verifier.verifySignature(envelope.signature());
        } catch (IOException | RuntimeException e) {
            return false; // not an Ed25519 key, malformed signature bytes: not a valid signature
        }
    }
}
