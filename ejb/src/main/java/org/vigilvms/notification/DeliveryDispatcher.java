package org.vigilvms.notification;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Every two seconds, sends the notifications that are due, each in a transaction of its own
 * ({@link DeliverySender}), webhooks and e-mails alike; nothing waits for a receiver inside an alarm's transaction.
 */
@PermitAll // a timer: runs as the server, no client reaches it
@Stateless
public class DeliveryDispatcher {

    @Inject
    private NodeRoles roles;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private DeliverySender sender;

    @Inject
    private Clock clock;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false, info = "notifications")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sendDue() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        List<Long> due = em.createQuery("SELECT d.id FROM NotificationDelivery d WHERE d.state = :s AND d.nextAttemptTs <= :now "
                        + "ORDER BY d.nextAttemptTs", Long.class)
                .setParameter("s", NotificationDelivery.State.PENDING).setParameter("now", clock.instant()).setMaxResults(50).getResultList();
        for (long id : due) {
            sender.attempt(id);
        }
    }
}
