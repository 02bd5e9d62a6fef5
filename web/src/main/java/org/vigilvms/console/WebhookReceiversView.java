package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.vigilvms.notification.WebhookReceiver;
import org.vigilvms.notification.WebhookService;

/**
 * The webhook receivers on the alarm rules page: added with their HTTPS address and, where they
 * do not use a public CA, the CA that issued their certificate; the signing secret is shown once,
 * when added, to set on the receiver; a receiver is taken out of use, never deleted.
 * {@link WebhookService} decides (MANAGE_CAMERAS) and audits.
 */
@Named
@ViewScoped
public class WebhookReceiversView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private WebhookService webhooks;

    @Inject
    private ConsoleRefusals refusals;

    private List<WebhookReceiver.View> receivers;
    private String name;
    private String url;
    private String caPem;
    private String secret;
    private String outcome;

    public List<WebhookReceiver.View> getReceivers() {
        if (receivers == null) {
            receivers = webhooks.receivers();
        }
        return receivers;
    }

    /** Adds the receiver the form holds; its secret is shown this once. */
    public void add() {
        secret = null;
        outcome = refusals.attempt("add webhook receiver", () -> {
            WebhookService.Created created = webhooks.create(name, url, caPem);
            secret = created.secret();
            name = url = caPem = null;
            return ConsoleTexts.format("receivers.added", created.receiver().name());
        });
        receivers = null;
    }

    /** Takes a receiver out of use: no rule can name it from now on. */
    public void disable(long receiverId, String receiverName) {
        secret = null;
        outcome = refusals.attempt("disable webhook receiver", () -> {
            webhooks.disable(receiverId);
            return ConsoleTexts.format("receivers.disabled", receiverName);
        });
        receivers = null;
    }

    public String getSecret() {
        return secret;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getCaPem() {
        return caPem;
    }

    public void setCaPem(String caPem) {
        this.caPem = caPem;
    }
}
