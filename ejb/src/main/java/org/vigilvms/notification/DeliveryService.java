package org.vigilvms.notification;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The notifications alarms sent, webhooks and e-mails alike, for administrators with
 * MANAGE_CAMERAS (who write alarm rules): what never got through (the dead-letter list) and
 * sending one of those again, audited.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class DeliveryService {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** Whether the caller may manage receivers and deliveries (asked by the console before it shows them; not a refusal). */
    public boolean mayManage() {
        return access.holdsForAllCameras(access.caller(), AccessRight.MANAGE_CAMERAS);
    }

    /** Deliveries in {@code state} (DEAD: the dead-letter list), newest first. */
    public List<NotificationDelivery.View> deliveries(NotificationDelivery.State state) {
        access.require(AccessRight.MANAGE_CAMERAS);
        return em.createQuery("SELECT d FROM NotificationDelivery d WHERE d.state = :s ORDER BY d.id DESC", NotificationDelivery.class)
                .setParameter("s", state).setMaxResults(500).getResultList().stream().map(NotificationDelivery::view).toList();
    }

    /** Sends a dead delivery again, with a fresh round of attempts. */
    public NotificationDelivery.View retry(long deliveryId) {
        access.require(AccessRight.MANAGE_CAMERAS);
        NotificationDelivery delivery = em.find(NotificationDelivery.class, deliveryId);
        if (delivery == null || delivery.getState() != NotificationDelivery.State.DEAD) {
            throw new InvalidRequestException("no dead delivery " + deliveryId);
        }
        delivery.revive(clock.instant());
        audit.record(access.caller().name(), "notification.delivery.retried", "delivery:" + deliveryId,
                AuditEvent.Outcome.SUCCESS, delivery.getChannel() + " of alarm " + delivery.getAlarmId());
        return delivery.view();
    }
}
