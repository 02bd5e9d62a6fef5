package org.vigilvms.jms.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvelopeVerifierTest {

    private static final String QUEUE = "vigil.segments";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private KeyPair recorderKeys;
    private KeyPair intruderKeys;
    private EnvelopeSigner recorder;
    private EnvelopeVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        recorderKeys = generator.generateKeyPair();
        intruderKeys = generator.generateKeyPair();
        recorder = new EnvelopeSigner("svc-recorder", recorderKeys.getPrivate(), clock);
        Map<String, PublicKey> registry = Map.of("svc-recorder", recorderKeys.getPublic());
        Set<String> seen = new HashSet<>();
        verifier = new EnvelopeVerifier(p -> Optional.ofNullable(registry.get(p)),
                (producer, epoch, seq, sentAt) -> seen.add(producer + "/" + epoch + "/" + seq),
                clock, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    @Test
    void acceptsASealedMessageOnceAndCountsSequence() {
        Envelope first = recorder.seal(QUEUE, "t", bytes("a"));
        Envelope second = recorder.seal(QUEUE, "t", bytes("b"));
        assertTrue(verifier.verify(first, QUEUE).isAccepted());
        assertTrue(verifier.verify(second, QUEUE).isAccepted());
        assertEquals(1, first.sequence());
        assertEquals(2, second.sequence());
        assertEquals(first.epoch(), second.epoch());
    }

    @Test
    void rejectsReplay() {
        Envelope envelope = recorder.seal(QUEUE, "t", bytes("a"));
        assertTrue(verifier.verify(envelope, QUEUE).isAccepted());
        assertEquals(Rejection.REPLAYED, verifier.verify(envelope, QUEUE).rejection());
    }

    @Test
    void rejectsAlteredPayloadAndAlteredHeader() {
        Envelope envelope = recorder.seal(QUEUE, "t", bytes("pan left"));
        Envelope payloadChanged = new Envelope(envelope.destination(), envelope.type(), envelope.producer(),
                envelope.epoch(), envelope.sequence(), envelope.sentAtMs(), bytes("pan rght"), envelope.signature());
        Envelope sequenceChanged = new Envelope(envelope.destination(), envelope.type(), envelope.producer(),
                envelope.epoch(), envelope.sequence() + 1, envelope.sentAtMs(), envelope.payload(), envelope.signature());
        assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(payloadChanged, QUEUE).rejection());
        assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(sequenceChanged, QUEUE).rejection());
    }

    @Test
    void rejectsForgeryWithAnotherKeyAndUnknownProducers() {
        EnvelopeSigner forger = new EnvelopeSigner("svc-recorder", intruderKeys.getPrivate(), clock);
        assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(forger.seal(QUEUE, "t", bytes("x")), QUEUE).rejection());
        EnvelopeSigner stranger = new EnvelopeSigner("svc-stranger", intruderKeys.getPrivate(), clock);
        assertEquals(Rejection.UNKNOWN_PRODUCER,
                verifier.verify(stranger.seal(QUEUE, "t", bytes("x")), QUEUE).rejection());
    }

    @Test
    void forgedMessagesDoNotConsumeSequenceNumbers() {
        Envelope genuine = recorder.seal(QUEUE, "t", bytes("a"));
        Envelope forged = new Envelope(genuine.destination(), genuine.type(), genuine.producer(), genuine.epoch(),
                genuine.sequence(), genuine.sentAtMs(), bytes("evil"), genuine.signature());
        assertEquals(Rejection.BAD_SIGNATURE, verifier.verify(forged, QUEUE).rejection());
        assertTrue(verifier.verify(genuine, QUEUE).isAccepted());
    }

    @Test
    void rejectsReRoutingToAnotherDestination() {
        Envelope envelope = recorder.seal(QUEUE, "t", bytes("a"));
        assertEquals(Rejection.WRONG_DESTINATION, verifier.verify(envelope, "vigil.camera.commands").rejection());
    }

    @Test
    void rejectsStaleAndFutureMessages() {
        Envelope old = recorder.seal(QUEUE, "t", bytes("a"));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(Rejection.STALE, verifier.verify(old, QUEUE).rejection());

        Envelope future = recorder.seal(QUEUE, "t", bytes("b"));
        clock.advance(Duration.ofMinutes(-1));
        assertEquals(Rejection.FROM_FUTURE, verifier.verify(future, QUEUE).rejection());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
