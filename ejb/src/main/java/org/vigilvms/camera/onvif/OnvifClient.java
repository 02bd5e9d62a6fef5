package org.vigilvms.camera.onvif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Talks ONVIF to one camera. Every call except the clock carries a WS-UsernameToken digest
 * stamped with the camera's time (offset learnt from GetSystemDateAndTime), so cameras with a
 * wrong clock still accept us. Responses are parsed without DTDs or external entities.
 *
 * <p>Over HTTPS the device's certificate is judged by the caller's rule (the approved pin, or a
 * trusted camera CA for the host) inside the TLS handshake, on every connection the client makes:
 * a refused certificate ends the handshake before the first request, so no signed-in request
 * (whose digest an attacker could attack offline) reaches whoever presented it. The JVM's CAs
 * play no part: a camera's certificate is vouched for by the installation, not by the web PKI.
 */
public final class OnvifClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NS = " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
            + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\""
            + " xmlns:tt=\"http://www.onvif.org/ver10/schema\"";

    private final URI deviceUrl;
    private final String user;
    private final String password;
    private final HttpClient http;
    private volatile X509Certificate refused;
    private long clockOffsetMs;
    private String mediaUrl;
    private String ptzUrl;

    /**
     * A client for the device service at {@code deviceUrl}. For an {@code https} address,
     * {@code trust} judges the chain the device presents (leaf first) and is required; for
     * {@code http} (a plain transport an administrator accepted) it is not used.
     */
    public OnvifClient(String deviceUrl, String user, String password, Predicate<X509Certificate[]> trust) {
        this.deviceUrl = URI.create(deviceUrl);
        this.user = user;
        this.password = password;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equalsIgnoreCase(this.deviceUrl.getScheme())) {
            if (trust == null) {
                throw new IllegalArgumentException("an HTTPS device needs a rule for its certificate");
            }
            builder.sslContext(judgedBy(trust));
        }
        this.http = builder.build();
    }

    private SSLContext judgedBy(Predicate<X509Certificate[]> trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new DeviceTrustManager(trust)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * The caller's rule as the handshake's only judge. An extended trust manager, so the JSSE
     * adds no checks of its own (a pinned camera certificate need not name the host; the CA rule
     * checks the name itself).
     */
    private final class DeviceTrustManager extends X509ExtendedTrustManager {
        private final Predicate<X509Certificate[]> trust;

        DeviceTrustManager(Predicate<X509Certificate[]> trust) {
            this.trust = trust;
        }

        private void judge(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the device presented no certificate");
            }
            if (!trust.test(chain.clone())) {
                refused = chain[0];
                throw new CertificateException("the device's certificate is not trusted for it");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            judge(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            judge(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            judge(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Learns the camera's clock and its service addresses. */
    public OnvifClient connect() {
        Document time = call(deviceUrl.toString(), "<tds:GetSystemDateAndTime/>", false);
        Element utc = first(time, "UTCDateTime");
        Instant camera = Instant.parse(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                number(utc, "Year"), number(utc, "Month"), number(utc, "Day"),
                number(utc, "Hour"), number(utc, "Minute"), number(utc, "Second")));
        clockOffsetMs = camera.toEpochMilli() - Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        Document capabilities = call(deviceUrl.toString(), "<tds:GetCapabilities><tds:Category>All</tds:Category>"
                + "</tds:GetCapabilities>", true);
        mediaUrl = sameDevice(deviceUrl, xaddr(capabilities, "Media"));
        ptzUrl = sameDevice(deviceUrl, xaddr(capabilities, "PTZ"));
        if (mediaUrl == null) {
            throw new OnvifException("the camera offers no media service");
        }
        return this;
    }

    /** Token of the first media profile. */
    public String firstProfile() {
        Document profiles = call(mediaUrl, "<trt:GetProfiles/>", true);
        Element profile = first(profiles, "Profiles");
        if (profile == null || profile.getAttribute("token").isEmpty()) {
            throw new OnvifException("the camera has no media profile");
        }
        return profile.getAttribute("token");
    }

    /** A media profile: its token and its video encoder's picture width (0: not said). */
    public record Profile(String token, int width) {
    }

    /** The media profiles, in the camera's order (the first is its main stream). */
    public List<Profile> profiles() {
        Document answer = call(mediaUrl, "<trt:GetProfiles/>", true);
        NodeList nodes = answer.getElementsByTagNameNS("*", "Profiles");
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element profile = (Element) nodes.item(i);
            if (profile.getAttribute("token").isEmpty()) {
                continue;
            }
            NodeList widths = profile.getElementsByTagNameNS("*", "Width");
            int width = 0;
            if (widths.getLength() > 0) {
                try {
                    width = Integer.parseInt(widths.item(0).getTextContent().trim());
                } catch (NumberFormatException e) {
                    // a width that is no number says nothing
                }
            }
            profiles.add(new Profile(profile.getAttribute("token"), width));
        }
        return profiles;
    }

    /** RTSP URI of a profile's stream (RTP over RTSP over TCP). */
    public String streamUri(String profile) {
        Document uri = call(mediaUrl, "<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>"
                + "<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>"
                + escape(profile) + "</trt:ProfileToken></trt:GetStreamUri>", true);
        Element element = first(uri, "Uri");
        if (element == null) {
            throw new OnvifException("no stream URI for profile " + profile);
        }
        return element.getTextContent().trim();
    }

    public void continuousMove(String profile, double pan, double tilt, double zoom) {
        ptz("<tptz:ContinuousMove><tptz:ProfileToken>" + escape(profile) + "</tptz:ProfileToken><tptz:Velocity>"
                + "<tt:PanTilt x=\"" + pan + "\" y=\"" + tilt + "\"/><tt:Zoom x=\"" + zoom + "\"/></tptz:Velocity>"
                + "</tptz:ContinuousMove>");
    }

    public void stop(String profile) {
        ptz("<tptz:Stop><tptz:ProfileToken>" + escape(profile) + "</tptz:ProfileToken><tptz:PanTilt>true</tptz:PanTilt>"
                + "<tptz:Zoom>true</tptz:Zoom></tptz:Stop>");
    }

    public void absoluteMove(String profile, double pan, double tilt, double zoom) {
        ptz("<tptz:AbsoluteMove><tptz:ProfileToken>" + escape(profile) + "</tptz:ProfileToken><tptz:Position>"
                + "<tt:PanTilt x=\"" + pan + "\" y=\"" + tilt + "\"/><tt:Zoom x=\"" + zoom + "\"/></tptz:Position>"
                + "</tptz:AbsoluteMove>");
    }

    public void gotoPreset(String profile, String preset) {
        ptz("<tptz:GotoPreset><tptz:ProfileToken>" + escape(profile) + "</tptz:ProfileToken><tptz:PresetToken>"
                + escape(preset) + "</tptz:PresetToken></tptz:GotoPreset>");
    }

    /** A stored position of the camera: its token (to go there) and its name. */
    public record Preset(String token, String name) {
    }

    /** The presets the camera holds for the profile. */
    public List<Preset> presets(String profile) {
        if (ptzUrl == null) {
            throw new OnvifException("the camera has no PTZ service");
        }
        Document answer = call(ptzUrl, "<tptz:GetPresets><tptz:ProfileToken>" + escape(profile) + "</tptz:ProfileToken>"
                + "</tptz:GetPresets>", true);
        NodeList nodes = answer.getElementsByTagNameNS("*", "Preset");
        List<Preset> presets = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element preset = (Element) nodes.item(i);
            NodeList names = preset.getElementsByTagNameNS("*", "Name");
            String token = preset.getAttribute("token");
            presets.add(new Preset(token, names.getLength() == 0 ? token : names.item(0).getTextContent().trim()));
        }
        return presets;
    }

    /** Stores the current position as a preset named {@code name}; returns the camera's token for it. */
    public String setPreset(String profile, String name) {
        if (ptzUrl == null) {
            throw new OnvifException("the camera has no PTZ service");
        }
        Document answer = call(ptzUrl, "<tptz:SetPreset><tptz:ProfileToken>" + escape(profile) + "</tptz:ProfileToken>"
                + "<tptz:PresetName>" + escape(name) + "</tptz:PresetName></tptz:SetPreset>", true);
        NodeList tokens = answer.getElementsByTagNameNS("*", "PresetToken");
        return tokens.getLength() == 0 ? name : tokens.item(0).getTextContent().trim();
    }

    private void ptz(String body) {
        if (ptzUrl == null) {
            throw new OnvifException("the camera has no PTZ service");
        }
        call(ptzUrl, body, true);
    }

    private Document call(String url, String body, boolean authenticate) {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + NS + "><s:Header>" + (authenticate ? securityHeader() : "") + "</s:Header><s:Body>" + body
                + "</s:Body></s:Envelope>";
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/soap+xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofByteArray());
            Document document = parse(response.body());
            if (response.statusCode() != 200) {
                Element text = first(document, "Text");
                throw new OnvifException("camera refused (HTTP " + response.statusCode() + "): "
                        + (text == null ? "no reason" : text.getTextContent().trim()));
            }
            return document;
        } catch (IOException e) {
            X509Certificate presented = refused;
            if (presented != null) {
                throw new UntrustedDeviceException(presented);
            }
            throw new OnvifException("camera unreachable at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException("interrupted");
        }
    }

    private String securityHeader() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = Instant.now().plusMillis(clockOffsetMs).truncatedTo(ChronoUnit.SECONDS).toString();
        String digest;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            digest = Base64.getEncoder().encodeToString(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + escape(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + digest + "</wsse:Password><wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-soap-message-security-1.0#Base64Binary\">" + Base64.getEncoder().encodeToString(nonce)
                + "</wsse:Nonce><wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    /** A camera's SOAP answer, parsed without DTDs: no external entity, no entity expansion (XXE, billion laughs). */
    static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new OnvifException("the camera's answer is not SOAP: " + e.getMessage());
        }
    }

    /**
     * A service address the camera named (XAddr), held to the address the administrator entered:
     * the same host and the same scheme. A camera (or someone on the path) cannot send Vigil and
     * its signed-in requests to another host, or from HTTPS down to HTTP.
     */
    static String sameDevice(URI device, String xaddr) {
        if (xaddr == null) {
            return null;
        }
        URI service;
        try {
            service = new URI(xaddr);
        } catch (URISyntaxException e) {
            throw new OnvifException("the camera named a service address that is not a URL");
        }
        if (service.getHost() == null || !service.getHost().equalsIgnoreCase(device.getHost())
                || !device.getScheme().equalsIgnoreCase(service.getScheme()) || service.getUserInfo() != null) {
            throw new OnvifException("the camera named a service at " + service.getScheme() + "://" + service.getHost()
                    + ", not at the device address " + device.getScheme() + "://" + device.getHost() + ": refused");
        }
        return xaddr;
    }

    private static String xaddr(Document capabilities, String service) {
        Element element = first(capabilities, service);
        if (element == null) {
            return null;
        }
        NodeList addresses = element.getElementsByTagNameNS("*", "XAddr");
        return addresses.getLength() == 0 ? null : addresses.item(0).getTextContent().trim();
    }

    private static Element first(Document document, String localName) {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static int number(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return Integer.parseInt(nodes.item(0).getTextContent().trim());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
