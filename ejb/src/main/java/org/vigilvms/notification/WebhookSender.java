package org.vigilvms.notification;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.AddressPolicy;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.platform.Pem;

/**
 * One attempt of one delivery: the body POSTed over TLS to the receiver (trusting only its own
 * CA when it has one, the host name verified, no redirect followed, the address policy checked
 * again), signed with the receiver's secret ({@link WebhookSignature}). A 2xx answer delivers
 * it; anything else is tried again later ({@link RetryPolicy}) until the last attempt, after
 * which the delivery is dead (audited) and waits in the dead-letter list.
 */
@PermitAll // called by the dispatcher's timer only
@Stateless
public class WebhookSender {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(long deliveryId) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (delivery == null || delivery.getState() != WebhookDelivery.State.PENDING) {
            return; // another run took it
        }
        WebhookReceiver receiver = em.find(WebhookReceiver.class, delivery.getReceiverId());
        String error = receiver.isEnabled() ? post(receiver, delivery, now) : "the receiver is disabled";
        if (error == null) {
            delivery.delivered(clock.instant());
            return;
        }
        Instant next = RetryPolicy.fromSystemProperties().next(delivery.getAttempts() + 1, clock.instant());
        delivery.failed(error, next);
        if (next == null) {
            audit.record("system", "webhook.delivery.dead", "webhook:" + receiver.getId(), AuditEvent.Outcome.FAILURE,
                    "delivery " + deliveryId + " of alarm to " + receiver.getName() + " after " + delivery.getAttempts()
                            + " attempt(s): " + error);
        }
    }

    /** Null when the receiver took it (2xx), else why not. */
    private static String post(WebhookReceiver receiver, WebhookDelivery delivery, Instant now) {
        try {
            URI target = URI.create(receiver.getUrl());
            String refused = AddressPolicy.current().problem(target.getHost(), WebhookService.port(target));
            if (refused != null) {
                return "address refused: " + refused;
            }
            byte[] secret = KeyVault.fromSystemProperty().openWithMaster(receiver.getSecretSealed(),
                    WebhookReceiver.sealingAad(receiver.getName()));
            long timestamp = now.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                    .header(WebhookSignature.DELIVERY_HEADER, String.valueOf(delivery.getId()))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, delivery.getBody()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.getBody(), StandardCharsets.UTF_8)).build();
            HttpClient client = HttpClient.newBuilder().sslContext(tls(receiver)).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException | GeneralSecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** TLS trusting the receiver's own CA only, or the JVM's CAs when it has none. */
    private static SSLContext tls(WebhookReceiver receiver) throws GeneralSecurityException, IOException {
        if (receiver.getCaPem() == null) {
            return SSLContext.getDefault();
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("receiver-ca", Pem.certificate(receiver.getCaPem()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
