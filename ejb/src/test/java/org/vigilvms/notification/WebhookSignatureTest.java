package org.vigilvms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] SECRET = "key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void isTheHmacOfTimestampDotBody() {
        // computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        assertEquals("sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae",
                WebhookSignature.sign(SECRET, 1_700_000_000L, "{}"));
    }

    @Test
    void anotherTimeAnotherBodyOrAnotherSecretSignsDifferently() {
        String signed = WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"alarm\":1}");
        assertNotEquals(signed, WebhookSignature.sign(SECRET, 1_700_000_001L, "{\"alarm\":1}"));
        assertNotEquals(signed, WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"alarm\":2}"));
        assertNotEquals(signed, WebhookSignature.sign("other".getBytes(StandardCharsets.US_ASCII), 1_700_000_000L, "{\"alarm\":1}"));
    }
}
