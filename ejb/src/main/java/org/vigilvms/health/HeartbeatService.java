package org.vigilvms.health;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.vigilvms.jms.heartbeat.ServiceHeartbeat;

/** Keeps the latest heartbeat of every producer. */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class HeartbeatService {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    public void record(String producer, long sentAtMs, ServiceHeartbeat heartbeat) {
        em.createNativeQuery("""
                INSERT INTO service_heartbeat (producer, node, version, started_ts, last_sent_ts, last_received_ts)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (producer) DO UPDATE SET node = EXCLUDED.node, version = EXCLUDED.version,
                    started_ts = EXCLUDED.started_ts,
                    last_sent_ts = GREATEST(service_heartbeat.last_sent_ts, EXCLUDED.last_sent_ts),
                    last_received_ts = EXCLUDED.last_received_ts,
                    received_count = service_heartbeat.received_count + 1
                """)
                .setParameter(1, producer)
                .setParameter(2, heartbeat.node())
                .setParameter(3, heartbeat.version())
                .setParameter(4, Timestamp.from(Instant.ofEpochMilli(heartbeat.startedAtMs())))
                .setParameter(5, Timestamp.from(Instant.ofEpochMilli(sentAtMs)))
                .setParameter(6, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    public Optional<ServiceHeartbeatRecord> latest(String producer) {
        return Optional.ofNullable(em.find(ServiceHeartbeatRecord.class, producer));
    }

}
