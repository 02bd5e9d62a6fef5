package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.vigilvms.notification.WebhookService;

/** The alarm page's webhook section: shown to those who may manage receivers and deliveries only. */
@Named
@RequestScoped
public class NotificationsView {

    @Inject
    private WebhookService webhooks;

    public boolean isManager() {
        return webhooks.mayManage();
    }
}
