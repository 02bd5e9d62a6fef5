package org.vigilvms.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.vigilvms.platform.AfterCompletion;
import org.vigilvms.platform.Meters;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.platform.ServerSigningKey;

/**
 * Seals new audit rows into the chain every second, in the order they were written, signs the
 * new head, and once that is committed forwards each sealed row and the signed head to the SIEM
 * (RFC 5424 over TLS, {@link SiemForwarder}), so an external SIEM holds a copy the database cannot
 * take back, and the newest signed head anchors the chain off the server. Rows are written by
 * {@link AuditLog} in their callers' transactions and sealed here, so auditing never serialises
 * the callers. It starts with the deployment, not at its first timer, so the lag meter is on the
 * metrics endpoint as soon as the deployment is.
 */
@PermitAll // timer only
@Singleton
@Startup
@DependsOn("MeterCleanup")
public class AuditSealer {

    @Inject
    private NodeRoles roles;

    static final int BATCH = 2000;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private SiemForwarder siem;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private MeterRegistry registry;

    /** How long the oldest row waited for its seal at the latest run, ms ({@code vigil_audit_chain_lag_seconds}). */
    private final AtomicLong lagMs = new AtomicLong();

    @PostConstruct
    void registerLag() {
        Meters.gauge(registry, "vigil.audit.chain.lag.seconds", Tags.empty(), lagMs, ms -> ms.get() / 1000.0);
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "seal audit rows")
    void seal() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        List<AuditEvent> fresh = em.createQuery("SELECT e FROM AuditEvent e WHERE e.chainSeq IS NULL ORDER BY e.id",
                AuditEvent.class).setMaxResults(BATCH).getResultList();
        if (fresh.isEmpty()) {
            lagMs.set(0);
            return;
        }
        lagMs.set(Math.max(0, clock.millis() - fresh.get(0).getEventTs().toEpochMilli()));
        AuditChainHead head = em.find(AuditChainHead.class, (short) 1, LockModeType.PESSIMISTIC_WRITE);
        long seq = head == null ? 0 : head.getChainSeq();
        byte[] hash = head == null ? null : head.getChainHash();
        for (AuditEvent event : fresh) {
            seq++;
            hash = AuditChain.link(hash, seq, event);
            event.seal(seq, hash);
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        ServerSigningKey key = ServerSigningKey.installation();
        byte[] signature = key.sign(AuditChain.headStatement(seq, hash, now));
        byte[] signer = key.certificateSha256();
        if (head == null) {
            head = new AuditChainHead();
            head.advance(seq, hash, now, signature, signer);
            em.persist(head);
        } else {
            head.advance(seq, hash, now, signature, signer);
        }
        em.flush();
        long headSeq = seq;
        byte[] headHash = hash;
        AfterCompletion.onCommit(transactions, () -> {
            siem.forward(fresh);
            siem.chainHead("audit", headSeq, headHash, now, signature, signer);
        });
    }
}
