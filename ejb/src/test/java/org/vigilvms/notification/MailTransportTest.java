package org.vigilvms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class MailTransportTest {

    @Test
    void aFailureIsReportedWithWhatCausedIt() {
        SSLHandshakeException refused = new SSLHandshakeException("PKIX path building failed");
        IOException wrapped = new IOException("Could not convert socket to TLS", refused);
        assertEquals("IOException: Could not convert socket to TLS; caused by SSLHandshakeException: PKIX path building failed",
                MailTransport.withCauses(wrapped));
    }
}
