package org.vigilvms.notification;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;

/**
 * One attempt of one delivery, by webhook ({@link WebhookTransport}) or e-mail
 * ({@link MailTransport}). Delivered, or tried again later ({@link RetryPolicy}) until the last
 * attempt, after which the delivery is dead (audited) and waits in the dead-letter list.
 */
@PermitAll // called by the dispatcher's timer only
@Stateless
public class DeliverySender {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Resource(lookup = "java:jboss/mail/Vigil")
    private Session mail;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(long deliveryId) {
        NotificationDelivery delivery = em.find(NotificationDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (delivery == null || delivery.getState() != NotificationDelivery.State.PENDING) {
            return; // another run took it
        }
        String target;
        String error;
        if (delivery.getChannel() == NotificationDelivery.Channel.WEBHOOK) {
            WebhookReceiver receiver = em.find(WebhookReceiver.class, delivery.getReceiverId());
            target = "webhook:" + receiver.getId();
            error = WebhookTransport.post(receiver, delivery, now);
        } else {
            target = "email:" + delivery.getRecipients();
            Optional<MailSettings> settings = MailSettings.fromSystemProperties();
            error = settings.isPresent() ? MailTransport.send(mail, settings.get(), delivery)
                    : "e-mail is not configured (VigilSetup --smtp)";
        }
        if (error == null) {
            delivery.delivered(clock.instant());
            return;
        }
        Instant next = RetryPolicy.fromSystemProperties().next(delivery.getAttempts() + 1, clock.instant());
        delivery.failed(error, next);
        if (next == null) {
            audit.record("system", "notification.delivery.dead", target, AuditEvent.Outcome.FAILURE,
                    "delivery " + deliveryId + " of alarm " + delivery.getAlarmId() + " after " + delivery.getAttempts()
                            + " attempt(s): " + error);
        }
    }
}
