package org.vigilvms.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.jms.envelope.EnvelopeVerifier;
import org.vigilvms.jms.envelope.JmsEnvelopes;
import org.vigilvms.jms.envelope.MalformedEnvelopeException;
import org.vigilvms.jms.envelope.Rejection;
import org.vigilvms.jms.envelope.Verdict;
import org.vigilvms.logging.VigilLog;

/**
 * The one door every consumer's messages pass: a message is handed on only when its envelope
 * verifies and its producer is a service that sends to the destination it arrived on (the broker's
 * rule, checked again against the signed name). Anything else is logged with the producer it claimed, audited, and dropped (never
 * redelivered, never processed).
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class EnvelopeGate {

    /** How old a message may be when it arrives; also how long the replay guard must remember. */
    public static final Duration FRESHNESS = Duration.ofMinutes(5);
    /** How far ahead of our clock a producer's clock may be. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    @Inject
    private ProducerKeyRegistry keys;

    @Inject
    private JpaReplayGuard replayGuard;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private MeterRegistry registry;

    /** The envelope of {@code message} when it verifies and carries one of {@code expectedTypes}; empty otherwise. */
    public Optional<Envelope> admit(Message message, String destination, String... expectedTypes) {
        Envelope envelope;
        try {
            envelope = JmsEnvelopes.fromMessage(message);
        } catch (MalformedEnvelopeException e) {
            reject(destination, JmsEnvelopes.claimedProducer(message), Verdict.rejected(Rejection.MALFORMED, e.getMessage()));
            return Optional.empty();
        }
        Verdict verdict = new EnvelopeVerifier(keys, replayGuard, clock, FRESHNESS, MAX_CLOCK_SKEW)
                .verify(envelope, destination);
        if (!verdict.isAccepted()) {
            reject(destination, envelope.producer(), verdict);
            return Optional.empty();
        }
        if (!ProducerName.parse(envelope.producer()).map(name -> name.sendsTo(destination)).orElse(false)) {
            reject(destination, envelope.producer(), Verdict.rejected(Rejection.NOT_ITS_DESTINATION,
                    envelope.producer() + " is no service that sends to " + destination));
            return Optional.empty();
        }
        if (!List.of(expectedTypes).contains(envelope.type())) {
            reject(destination, envelope.producer(), Verdict.rejected(Rejection.UNEXPECTED_TYPE,
                    envelope.type() + " where " + String.join(" or ", expectedTypes) + " was expected"));
            return Optional.empty();
        }
        return Optional.of(envelope);
    }

    /**
     * Refuses a message that verified but whose content its producer may not send (it speaks for
     * another node, say): logged, counted and audited as the gate's own refusals are.
     */
    public void refuse(Envelope envelope, String destination, Rejection rejection, String detail) {
        reject(destination, envelope.producer(), Verdict.rejected(rejection, detail));
    }

    private void reject(String destination, String claimedProducer, Verdict verdict) {
        registry.counter("vigil.messages.rejected", "destination", destination, "reason", verdict.rejection().name()).increment();
        VigilLog.LOG.messageRejected(destination, claimedProducer, verdict.rejection().name(), verdict.detail());
        audit.record(claimedProducer, "jms.rejected", destination, AuditEvent.Outcome.REJECTED,
                verdict.rejection().name() + ": " + verdict.detail());
    }
}
