package org.vigilvms.health;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vigilvms.health.HealthReport.Status;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/** Where health changes are kept: a node's last known state per check, new changes, old ones pruned. */
@PermitAll // internal service: not exposed to users; HealthService checks the reader's right
@Stateless
public class HealthHistory {

    /** Changes older than this are removed when new ones are written. */
    static final Duration KEPT = Duration.ofDays(90);

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private NodeRoles roles;

    /** Each check's status as last written for {@code node}. */
    public Map<String, Status> lastKnown(String node) {
        return em.createQuery("SELECT h FROM HealthChange h WHERE h.node = :n AND h.id IN "
                        + "(SELECT max(l.id) FROM HealthChange l WHERE l.node = :n GROUP BY l.check)", HealthChange.class)
                .setParameter("n", node).getResultStream()
                .collect(Collectors.toMap(HealthChange::getCheck, HealthChange::getStatus));
    }

    /**
     * Writes the changes in one transaction of their own, so a failure leaves them to the next try.
     * The management node also removes the old ones; another node's database role may only add.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(List<HealthChange> changes, Instant now) {
        changes.forEach(em::persist);
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        em.createQuery("DELETE FROM HealthChange h WHERE h.changedTs < :before").setParameter("before", now.minus(KEPT))
                .executeUpdate();
    }

    /** The newest changes on every node, newest first. */
    public List<HealthChange> newest(int most) {
        return em.createQuery("SELECT h FROM HealthChange h ORDER BY h.changedTs DESC, h.id DESC", HealthChange.class)
                .setMaxResults(most).getResultList();
    }
}
