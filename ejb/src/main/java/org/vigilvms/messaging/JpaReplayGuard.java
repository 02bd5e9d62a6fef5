package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.vigilvms.jms.envelope.EnvelopeVerifier;

/**
 * Replay guard on PostgreSQL: an accepted (producer, epoch, sequence) is inserted once; a second
 * insert of the same triple changes no row, which marks a replay. Runs in the consumer's
 * transaction, so a message whose processing rolls back can be delivered again.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
@LocalBean
public class JpaReplayGuard implements EnvelopeVerifier.ReplayGuard {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Override
    public boolean firstDelivery(String producer, String epoch, long sequence, long sentAtMs) {
        int inserted = em.createNativeQuery("INSERT INTO jms_delivery (producer, epoch, sequence_no, sent_ts) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, producer)
                .setParameter(2, epoch)
                .setParameter(3, sequence)
                .setParameter(4, Timestamp.from(Instant.ofEpochMilli(sentAtMs)))
                // the row depends on nothing pending in the persistence context: flushing it first (the
                // default before a native statement) would dirty-check every entity of a drained batch again
                .setFlushMode(FlushModeType.COMMIT)
                .executeUpdate();
        return inserted == 1;
    }

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false, info = "replay guard purge")
    void purge() {
        purgeOlderThan(clock.instant().minus(EnvelopeGate.FRESHNESS).minus(EnvelopeGate.MAX_CLOCK_SKEW));
    }

    /** Forgets deliveries older than {@code horizon}; they are rejected as stale anyway. */
    public int purgeOlderThan(Instant horizon) {
        return em.createNativeQuery("DELETE FROM jms_delivery WHERE sent_ts < ?1")
                .setParameter(1, Timestamp.from(horizon))
                .executeUpdate();
    }
}
