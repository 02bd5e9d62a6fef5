package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.vigilvms.notification.DeliveryService;

/** The alarm page's notification section (webhook receivers, undelivered webhooks and e-mails): shown to those who may manage receivers and deliveries only. */
@Named
@RequestScoped
public class NotificationsView {

    @Inject
    private DeliveryService deliveries;

    public boolean isManager() {
        return deliveries.mayManage();
    }
}
