package org.vigilvms.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import org.vigilvms.camera.AddressPolicy;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.platform.Pem;
import org.vigilvms.platform.TlsTrust;

/**
 * A webhook delivery POSTed over TLS to its receiver (trusting only its own CA when it has one,
 * the host name verified, no redirect followed, the address policy checked again), signed with
 * the receiver's secret ({@link WebhookSignature}); only a 2xx answer delivers it.
 */
final class WebhookTransport {

    private WebhookTransport() {
    }

    /** Null when the receiver took it, else why not. */
    static String post(WebhookReceiver receiver, NotificationDelivery delivery, Instant now) {
        if (!receiver.isEnabled()) {
            return "the receiver is disabled";
        }
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
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(TlsTrust.trusting(receiver.getCaPem() == null ? null : Pem.certificate(receiver.getCaPem())))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException | GeneralSecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
