package org.vigilvms.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver checks: {@code X-Vigil-Signature: sha256=<hex>}, the HMAC-SHA256 under the
 * receiver's secret of the timestamp header, a dot and the body, so a body replayed with another
 * time, or altered, does not verify.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String DELIVERY_HEADER = "X-Vigil-Delivery";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code timestamp} (epoch seconds). */
    public static String sign(byte[] secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
