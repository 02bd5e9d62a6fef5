package org.vigilvms.notification;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.AddressPolicy;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.Pem;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * Webhook receivers. Administrators with MANAGE_CAMERAS (who write alarm rules) add receivers —
 * HTTPS only, at an address the address policy allows, optionally with the only CA trusted for
 * them — and take them out of use; every change audited.
 * The secret that signs a receiver's bodies is generated here, shown once, and kept sealed under
 * the master key.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** A new receiver and its secret (shown this once). */
    public record Created(WebhookReceiver.View receiver, String secret) {
    }

    public Created create(String name, String url, String caPem) {
        access.require(AccessRight.MANAGE_CAMERAS);
        if (name == null || !name.strip().matches("[\\p{L}\\p{N} ._-]{1,128}")) {
            throw new InvalidRequestException("a receiver needs a name: 1-128 letters, digits, spaces, '.', '_' or '-'");
        }
        URI target = target(url);
        AddressPolicy.current().require("webhook receiver", target.getHost(), port(target));
        if (caPem != null && !caPem.isBlank()) {
            try {
                Pem.certificate(caPem);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("caPem: " + e.getMessage());
            }
        }
        String clean = name.strip();
        if (!em.createQuery("SELECT r FROM WebhookReceiver r WHERE r.name = :n", WebhookReceiver.class).setParameter("n", clean)
                .getResultList().isEmpty()) {
            throw new InvalidRequestException("a receiver named '" + clean + "' exists");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        WebhookReceiver receiver = new WebhookReceiver(clean, target.toString(), KeyVault.fromSystemProperty().sealWithMaster(
                secret.getBytes(StandardCharsets.US_ASCII), WebhookReceiver.sealingAad(clean)),
                caPem == null || caPem.isBlank() ? null : caPem.strip(), access.caller().name(), clock.instant());
        em.persist(receiver);
        em.flush();
        audit.record(access.caller().name(), "webhook.receiver.created", "webhook:" + receiver.getId(), AuditEvent.Outcome.SUCCESS,
                clean + " at " + target + (receiver.getCaPem() == null ? "" : " (own CA)"));
        return new Created(receiver.view(), secret);
    }

    public List<WebhookReceiver.View> receivers() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return em.createQuery("SELECT r FROM WebhookReceiver r ORDER BY r.id", WebhookReceiver.class).getResultList().stream()
                .map(WebhookReceiver::view).toList();
    }

    /**
     * Takes a receiver out of use (a rule can no longer name it); what is still pending for it
     * fails at its next attempt and ends in the dead-letter list. Audited.
     */
    public WebhookReceiver.View disable(long receiverId) {
        access.require(AccessRight.MANAGE_CAMERAS);
        WebhookReceiver receiver = em.find(WebhookReceiver.class, receiverId);
        if (receiver == null || !receiver.isEnabled()) {
            throw new InvalidRequestException("no enabled webhook receiver " + receiverId);
        }
        receiver.disable();
        audit.record(access.caller().name(), "webhook.receiver.disabled", "webhook:" + receiverId, AuditEvent.Outcome.SUCCESS,
                receiver.getName());
        return receiver.view();
    }

    /** Fails (400) unless {@code receiverId} is an enabled receiver (a rule's WEBHOOK action names one). */
    public void requireReceiver(long receiverId) {
        WebhookReceiver receiver = em.find(WebhookReceiver.class, receiverId);
        if (receiver == null || !receiver.isEnabled()) {
            throw new InvalidRequestException("no webhook receiver " + receiverId);
        }
    }

    /**
     * In the alarm's transaction: a delivery of {@code body} to the receiver, sent after the
     * commit ({@link DeliveryDispatcher}). No caller is checked: the rule's author was, when the
     * rule was made.
     */
    public void enqueue(long receiverId, long alarmId, String body) {
        em.persist(NotificationDelivery.webhook(receiverId, alarmId, body, clock.instant()));
    }

    private static URI target(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
                || uri.getFragment() != null || url.length() > 2048) {
            throw new InvalidRequestException("a webhook url is https://host[:port]/path (no user info, no fragment, TLS only)");
        }
        return uri;
    }

    static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }
}
