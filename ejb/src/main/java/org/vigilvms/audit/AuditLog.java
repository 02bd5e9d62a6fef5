package org.vigilvms.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Records audited actions in the caller's transaction, so an action and its audit row commit
 * together. A node without the management role holds no right to write the trail: it reports
 * through the database function {@code report_audit}, which appends the row naming the database
 * role that reported it (V34); the management node seals it into the chain like any other.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class AuditLog {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private NodeRoles roles;

    public void record(String actor, String action, String target, AuditEvent.Outcome outcome, String detail) {
        AuditEvent event = new AuditEvent(clock.instant(), actor, action, target, outcome, detail);
        if (roles.has(NodeRole.MANAGEMENT)) {
            em.persist(event);
            return;
        }
        em.createNativeQuery("SELECT report_audit(CAST(?1 AS varchar), CAST(?2 AS varchar), CAST(?3 AS varchar), CAST(?4 AS varchar), CAST(?5 AS text))")
                .setParameter(1, event.getActor()).setParameter(2, event.getAction()).setParameter(3, event.getTarget())
                .setParameter(4, event.getOutcome().name()).setParameter(5, event.getDetail())
                .getSingleResult();
    }
}
