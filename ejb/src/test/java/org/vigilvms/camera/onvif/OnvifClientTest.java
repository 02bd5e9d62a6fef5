package org.vigilvms.camera.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OnvifClientTest {

    private static final URI DEVICE = URI.create("https://10.1.2.3/onvif/device_service");

    @Test
    void aServiceOnTheDevicesOwnHostAndSchemeIsUsed() {
        assertEquals("https://10.1.2.3:8443/onvif/media", OnvifClient.sameDevice(DEVICE, "https://10.1.2.3:8443/onvif/media"));
        assertEquals("HTTPS://10.1.2.3/onvif/ptz", OnvifClient.sameDevice(DEVICE, "HTTPS://10.1.2.3/onvif/ptz"));
        assertNull(OnvifClient.sameDevice(DEVICE, null), "a service the camera does not have");
    }

    @Test
    void aServiceElsewhereOrDowngradedToPlainHttpIsRefused() {
        for (String xaddr : new String[] {"https://169.254.169.254/latest/meta-data", "http://10.1.2.3/onvif/media",
                "https://10.1.2.30/onvif/media", "https://admin:pw@10.1.2.3/onvif/media", "file:///etc/passwd", "not a url at all"}) {
            OnvifException refused = assertThrows(OnvifException.class, () -> OnvifClient.sameDevice(DEVICE, xaddr), xaddr);
            assertTrue(refused.getMessage().startsWith("the camera named a service"), refused.getMessage());
        }
    }

    @Test
    void anAnswerWithADoctypeIsRefusedBeforeAnyEntityIsResolved() throws Exception {
        Path secret = Files.createTempFile("onvif-xxe", ".txt");
        Files.writeString(secret, "the server's secret");
        try {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><Uri>&x;</Uri></s:Body></s:Envelope>";
            OnvifException refused = assertThrows(OnvifException.class, () -> OnvifClient.parse(xxe.getBytes(
                    StandardCharsets.UTF_8)));
            assertTrue(refused.getMessage().startsWith("the camera's answer is not SOAP"), refused.getMessage());
            String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>";
            assertThrows(OnvifException.class, () -> OnvifClient.parse(laughs.getBytes(StandardCharsets.UTF_8)));
            String plain = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><Uri>rtsp://x/</Uri></s:Body></s:Envelope>";
            assertEquals("rtsp://x/", OnvifClient.parse(plain.getBytes(StandardCharsets.UTF_8))
                    .getElementsByTagName("Uri").item(0).getTextContent(), "an answer without a DTD parses");
        } finally {
            Files.delete(secret);
        }
    }
}
