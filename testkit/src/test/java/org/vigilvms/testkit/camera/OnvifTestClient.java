package org.vigilvms.testkit.camera;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A minimal ONVIF client for tests: SOAP 1.2 with an optional WS-UsernameToken digest. */
final class OnvifTestClient {

    record Answer(int status, Document document, String body) {
        String text(String localName) {
            var nodes = document.getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
        }

        /** MoveStatus/PanTilt of a GetStatus answer: IDLE or MOVING. */
        String panTiltMoveStatus() {
            var status = (Element) document.getElementsByTagNameNS("*", "MoveStatus").item(0);
            return status.getElementsByTagNameNS("*", "PanTilt").item(0).getTextContent().trim();
        }

        String attribute(String localName, String attribute) {
            var nodes = document.getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : ((Element) nodes.item(0)).getAttribute(attribute);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String user;
    private final String password;
    private long clockOffsetMs;

    OnvifTestClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** Aligns our Created times with the camera's clock, as ONVIF clients must. */
    void syncClock(String deviceUrl) throws Exception {
        Answer answer = call(deviceUrl, "<tds:GetSystemDateAndTime/>", false);
        Instant camera = Instant.parse(String.format("%s-%02d-%02dT%02d:%02d:%02dZ", answer.text("Year"),
                Integer.parseInt(answer.text("Month")), Integer.parseInt(answer.text("Day")),
                Integer.parseInt(answer.text("Hour")), Integer.parseInt(answer.text("Minute")),
                Integer.parseInt(answer.text("Second"))));
        clockOffsetMs = camera.toEpochMilli() - Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    }

    Answer call(String url, String bodyXml, boolean authenticate) throws Exception {
        String header = authenticate ? securityHeader() : "";
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\""
                + " xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
                + "<s:Header>" + header + "</s:Header><s:Body>" + bodyXml + "</s:Body></s:Envelope>";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        return new Answer(response.statusCode(), document, response.body());
    }

    private String securityHeader() {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String created = Instant.now().plusMillis(clockOffsetMs).truncatedTo(ChronoUnit.SECONDS).toString();
        return "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + WsUsernameToken.digest(nonce, created, password) + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                + "<wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }
}
