package org.vigilvms.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/** Records audited actions in the caller's transaction, so an action and its audit row commit together. */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class AuditLog {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    public void record(String actor, String action, String target, AuditEvent.Outcome outcome, String detail) {
        em.persist(new AuditEvent(clock.instant(), actor, action, target, outcome, detail));
    }
}
