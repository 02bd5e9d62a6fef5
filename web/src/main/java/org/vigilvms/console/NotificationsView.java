package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vigilvms.notification.DeliveryService;
import org.vigilvms.notification.NotificationDelivery;
import org.vigilvms.notification.WebhookReceiver;
import org.vigilvms.notification.WebhookService;

/**
 * The alarm page's notification section, shown to those who may manage deliveries only: the
 * webhooks and e-mails that never got through, with their receiver or recipients and last error,
 * each sent again on request ({@link DeliveryService} decides and audits).
 */
@Named
@ViewScoped
public class NotificationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A delivery that did not get through, with whom it was for as a reader names it. */
    public record DeadRow(NotificationDelivery.View delivery, String to) {
    }

    @EJB
    private DeliveryService deliveries;

    @EJB
    private WebhookService webhooks;

    @Inject
    private ConsoleRefusals refusals;

    private Boolean manager;
    private List<DeadRow> dead;
    private String outcome;

    public boolean isManager() {
        if (manager == null) {
            manager = deliveries.mayManage();
        }
        return manager;
    }

    public List<DeadRow> getDead() {
        if (dead == null) {
            Map<Long, String> receivers = webhooks.receivers().stream()
                    .collect(Collectors.toMap(WebhookReceiver.View::id, r -> r.name() + " (" + r.url() + ")"));
            dead = deliveries.deliveries(NotificationDelivery.State.DEAD).stream()
                    .map(d -> new DeadRow(d, "EMAIL".equals(d.channel())
                            ? ConsoleTexts.format("alarms.emailTo", d.recipients())
                            : receivers.getOrDefault(d.receiverId(), "#" + d.receiverId())))
                    .toList();
        }
        return dead;
    }

    /** Sends a dead delivery again: a fresh round of attempts. */
    public void retry(long deliveryId) {
        outcome = refusals.attempt("retry delivery", () -> {
            deliveries.retry(deliveryId);
            return ConsoleTexts.format("alarms.sentAgain", deliveryId);
        });
        dead = null;
    }

    public String getOutcome() {
        return outcome;
    }
}
