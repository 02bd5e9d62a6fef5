package org.vigilvms.notification;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.vigilvms.platform.InvalidRequestException;

/** Alarm e-mails: the recipients a rule may name, and an e-mail written into the outbox with its alarm. */
@PermitAll // called by the alarm service, which checked its caller
@Stateless
public class MailService {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    /** The recipients in one spelling; 400 when e-mail is not configured or an address is not one. */
    public String requireRecipients(String typed) {
        if (MailSettings.fromSystemProperties().isEmpty()) {
            throw new InvalidRequestException("e-mail is not configured on this installation (VigilSetup --smtp, docs/operations.md)");
        }
        try {
            return Recipients.normalized(typed);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /**
     * In the alarm's transaction: an e-mail to {@code recipients}, sent after the commit
     * ({@link DeliveryDispatcher}). No caller is checked: the rule's author was, when the rule was made.
     */
    public void enqueue(String recipients, long alarmId, AlarmMail mail) {
        em.persist(NotificationDelivery.email(recipients, mail.subject(), alarmId, mail.body(), clock.instant()));
    }
}
