package org.vigilvms.testkit.camera;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import javax.imageio.ImageIO;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ONVIF subset a VMS needs from a camera, over HTTP and HTTPS (SOAP 1.2): Device
 * (GetSystemDateAndTime, GetDeviceInformation, GetCapabilities, GetServices), Media
 * (GetProfiles, GetStreamUri, GetSnapshotUri) and PTZ (ContinuousMove, Stop, AbsoluteMove,
 * RelativeMove, GetStatus, GetPresets, SetPreset, GotoPreset), authenticated with WS-Security
 * UsernameToken digests (only GetSystemDateAndTime is open). The JPEG snapshot uses HTTP
 * Basic/Digest like the RTSP side.
 */
final class OnvifServer implements AutoCloseable {

    static final String DEVICE_PATH = "/onvif/device_service";
    static final String MEDIA_PATH = "/onvif/media_service";
    static final String PTZ_PATH = "/onvif/ptz_service";
    static final String SNAPSHOT_PATH = "/onvif/snapshot.jpg";
    static final String PROFILE = "main";
    static final String SUB_PROFILE = "sub";

    private final VirtualCamera camera;
    private final HttpServer http;
    private final HttpsServer https;
    private final ExecutorService workers;
    private final Map<String, double[]> presets = new LinkedHashMap<>();
    /** The names presets were saved under, as a camera keeps them beside its own tokens. */
    private final Map<String, String> presetNames = new LinkedHashMap<>();

    OnvifServer(VirtualCamera camera, int httpPort, int httpsPort, KeyManager keyManager) {
        this.camera = camera;
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "camera-" + camera.config().id() + "-onvif");
            t.setDaemon(true);
            return t;
        });
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            http = httpPort < 0 ? null : HttpServer.create(new InetSocketAddress(loopback, httpPort), 20);
            https = httpsPort < 0 ? null : HttpsServer.create(new InetSocketAddress(loopback, httpsPort), 20);
            if (https != null) {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(new KeyManager[] {keyManager}, null, null);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("camera " + camera.config().id() + ": ONVIF port unavailable: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (HttpServer server : new HttpServer[] {http, https}) {
            if (server != null) {
                server.createContext("/onvif/", this::handle);
                server.setExecutor(workers);
                server.start();
            }
        }
    }

    int httpPort() {
        return http == null ? -1 : http.getAddress().getPort();
    }

    int httpsPort() {
        return https == null ? -1 : https.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(SNAPSHOT_PATH)) {
                snapshot(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "text/plain", "POST a SOAP 1.2 envelope".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Element body;
            Element header;
            try (InputStream in = exchange.getRequestBody()) {
                Element envelope = parser().parse(in).getDocumentElement();
                header = child(envelope, "Header");
                body = child(envelope, "Body");
            } catch (Exception e) {
                fault(exchange, 400, "env:Sender", "ter:WellFormed", "not a SOAP envelope");
                return;
            }
            Element operation = body == null ? null : firstElement(body);
            if (operation == null) {
                fault(exchange, 400, "env:Sender", "ter:WellFormed", "empty SOAP body");
                return;
            }
            String name = operation.getLocalName();
            if (!name.equals("GetSystemDateAndTime")) {
                String refusal = authenticate(header);
                if (refusal != null || camera.faults().refuseCredentials) {
                    fault(exchange, 401, "env:Sender", "ter:NotAuthorized", refusal == null ? "refused" : refusal);
                    return;
                }
            }
            boolean secure = exchange instanceof HttpsExchange;
            String response = dispatch(path, name, operation, secure, exchange.getRequestHeaders().getFirst("Host"));
            if (response == null) {
                fault(exchange, 400, "env:Sender", "ter:ActionNotSupported", name + " is not supported on " + path);
                return;
            }
            send(exchange, 200, "application/soap+xml; charset=utf-8", envelope(response).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Service addresses are named after the host the client asked for (its Host header), as many
     * cameras do so that they work behind address translation; the camera's own address when the
     * header is missing or not a plain host and port.
     */
    private String dispatch(String path, String operation, Element request, boolean secure, String hostHeader) {
        String host = hostHeader != null && hostHeader.matches("[A-Za-z0-9.-]{1,253}:\\d{1,5}") ? hostHeader
                : "127.0.0.1:" + (secure ? httpsPort() : httpPort());
        String base = (secure ? "https://" : "http://") + host;
        return switch (path + "#" + operation) {
            case DEVICE_PATH + "#GetSystemDateAndTime" -> systemDateAndTime();
            case DEVICE_PATH + "#GetDeviceInformation" -> "<tds:GetDeviceInformationResponse>"
                    + "<tds:Manufacturer>Vigil VMS</tds:Manufacturer><tds:Model>Virtual Camera</tds:Model>"
                    + "<tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>VC-" + camera.config().id()
                    + "</tds:SerialNumber><tds:HardwareId>vigil-virtual</tds:HardwareId></tds:GetDeviceInformationResponse>";
            case DEVICE_PATH + "#GetCapabilities" -> "<tds:GetCapabilitiesResponse><tds:Capabilities>"
                    + "<tt:Device><tt:XAddr>" + base + DEVICE_PATH + "</tt:XAddr></tt:Device>"
                    + "<tt:Media><tt:XAddr>" + base + MEDIA_PATH + "</tt:XAddr><tt:StreamingCapabilities>"
                    + "<tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP>"
                    + "</tt:StreamingCapabilities></tt:Media>"
                    + "<tt:PTZ><tt:XAddr>" + base + PTZ_PATH + "</tt:XAddr></tt:PTZ>"
                    + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
            case DEVICE_PATH + "#GetServices" -> "<tds:GetServicesResponse>"
                    + service("http://www.onvif.org/ver10/device/wsdl", base + DEVICE_PATH)
                    + service("http://www.onvif.org/ver10/media/wsdl", base + MEDIA_PATH)
                    + service("http://www.onvif.org/ver20/ptz/wsdl", base + PTZ_PATH)
                    + "</tds:GetServicesResponse>";
            case MEDIA_PATH + "#GetProfiles" -> "<trt:GetProfilesResponse>" + profile(PROFILE, "MainStream", camera.config().width(),
                    camera.config().height(), camera.config().bitrate()) + profile(SUB_PROFILE, "SubStream", camera.subWidth(),
                    camera.subHeight(), CameraProfile.subBitrate(camera.config())) + "</trt:GetProfilesResponse>";
            case MEDIA_PATH + "#GetStreamUri" -> "<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>"
                    + (SUB_PROFILE.equals(text(child(request, "ProfileToken")))
                    ? secure ? camera.subRtspsUrl() : camera.subRtspUrl()
                    : secure ? camera.rtspsUrl() : camera.rtspUrl())
                    + "</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                    + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>";
            case MEDIA_PATH + "#GetSnapshotUri" -> "<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>" + base + SNAPSHOT_PATH
                    + "</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                    + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse>";
            case PTZ_PATH + "#ContinuousMove" -> {
                Element velocity = child(request, "Velocity");
                camera.ptz().continuousMove(attr(child(velocity, "PanTilt"), "x"), attr(child(velocity, "PanTilt"), "y"),
                        attr(child(velocity, "Zoom"), "x"));
                yield "<tptz:ContinuousMoveResponse/>";
            }
            case PTZ_PATH + "#Stop" -> {
                camera.ptz().stop();
                yield "<tptz:StopResponse/>";
            }
            case PTZ_PATH + "#AbsoluteMove" -> {
                Element position = child(request, "Position");
                camera.ptz().absoluteMove(attr(child(position, "PanTilt"), "x"), attr(child(position, "PanTilt"), "y"),
                        attr(child(position, "Zoom"), "x"));
                yield "<tptz:AbsoluteMoveResponse/>";
            }
            case PTZ_PATH + "#RelativeMove" -> {
                Element translation = child(request, "Translation");
                camera.ptz().relativeMove(attr(child(translation, "PanTilt"), "x"), attr(child(translation, "PanTilt"), "y"),
                        attr(child(translation, "Zoom"), "x"));
                yield "<tptz:RelativeMoveResponse/>";
            }
            case PTZ_PATH + "#GetStatus" -> "<tptz:GetStatusResponse><tptz:PTZStatus>" + position("tt:Position",
                    camera.ptz().pan(), camera.ptz().tilt(), camera.ptz().zoom())
                    + "<tt:MoveStatus><tt:PanTilt>" + (camera.ptz().moving() ? "MOVING" : "IDLE") + "</tt:PanTilt>"
                    + "<tt:Zoom>" + (camera.ptz().moving() ? "MOVING" : "IDLE") + "</tt:Zoom></tt:MoveStatus>"
                    + "<tt:UtcTime>" + Instant.ofEpochMilli(cameraMillis()) + "</tt:UtcTime>"
                    + "</tptz:PTZStatus></tptz:GetStatusResponse>";
            case PTZ_PATH + "#GetPresets" -> presets();
            case PTZ_PATH + "#SetPreset" -> setPreset(request);
            case PTZ_PATH + "#GotoPreset" -> gotoPreset(request);
            default -> null;
        };
    }

    private String systemDateAndTime() {
        ZonedDateTime t = Instant.ofEpochMilli(cameraMillis()).atZone(ZoneOffset.UTC);
        return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>"
                + "<tt:UTCDateTime><tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute()
                + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear()
                + "</tt:Year><tt:Month>" + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth()
                + "</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    }

    /** One media profile: its encoder's size and rate; both share the PTZ node. */
    private String profile(String token, String name, int width, int height, int bitrate) {
        CameraConfig c = camera.config();
        return "<trt:Profiles token=\"" + token + "\" fixed=\"true\"><tt:Name>" + name + "</tt:Name>"
                + "<tt:VideoEncoderConfiguration token=\"venc-" + token + "\"><tt:Name>H264 " + token
                + "</tt:Name><tt:UseCount>1</tt:UseCount>"
                + "<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>" + width + "</tt:Width><tt:Height>"
                + height + "</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality><tt:RateControl>"
                + "<tt:FrameRateLimit>" + c.fps() + "</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>"
                + "<tt:BitrateLimit>" + (bitrate / 1000) + "</tt:BitrateLimit></tt:RateControl>"
                + "<tt:H264><tt:GovLength>" + c.gop() + "</tt:GovLength><tt:H264Profile>Baseline</tt:H264Profile></tt:H264>"
                + "</tt:VideoEncoderConfiguration>"
                + "<tt:PTZConfiguration token=\"ptz-main\"><tt:Name>PTZ</tt:Name><tt:UseCount>1</tt:UseCount>"
                + "<tt:NodeToken>ptz-node</tt:NodeToken></tt:PTZConfiguration></trt:Profiles>";
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private synchronized String presets() {
        StringBuilder sb = new StringBuilder("<tptz:GetPresetsResponse>");
        presets.forEach((token, p) -> sb.append("<tptz:Preset token=\"").append(token).append("\"><tt:Name>")
                .append(escapeXml(presetNames.getOrDefault(token, token))).append("</tt:Name>").append(position("tt:PTZPosition", (int) p[0], (int) p[1], (int) p[2]))
                .append("</tptz:Preset>"));
        return sb.append("</tptz:GetPresetsResponse>").toString();
    }

    private synchronized String setPreset(Element request) {
        Element nameElement = child(request, "PresetName");
        String token = nameElement != null && !nameElement.getTextContent().isBlank()
                ? nameElement.getTextContent().trim().replaceAll("[^A-Za-z0-9_-]", "_") : "preset-" + (presets.size() + 1);
        presets.put(token, new double[] {camera.ptz().pan(), camera.ptz().tilt(), camera.ptz().zoom()});
        presetNames.put(token, nameElement != null && !nameElement.getTextContent().isBlank() ? nameElement.getTextContent().trim() : token);
        return "<tptz:SetPresetResponse><tptz:PresetToken>" + token + "</tptz:PresetToken></tptz:SetPresetResponse>";
    }

    private synchronized String gotoPreset(Element request) {
        Element tokenElement = child(request, "PresetToken");
        double[] p = tokenElement == null ? null : presets.get(tokenElement.getTextContent().trim());
        if (p == null) {
            return null;
        }
        camera.ptz().absoluteMove(p[0] / 1000, p[1] / 1000, p[2] / 1000);
        return "<tptz:GotoPresetResponse/>";
    }

    private static String position(String element, int pan, int tilt, int zoom) {
        return "<" + element + "><tt:PanTilt x=\"" + pan / 1000.0 + "\" y=\"" + tilt / 1000.0
                + "\" space=\"http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace\"/>"
                + "<tt:Zoom x=\"" + zoom / 1000.0 + "\" space=\"http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace\"/>"
                + "</" + element + ">";
    }

    private static String service(String namespace, String address) {
        return "<tds:Service><tds:Namespace>" + namespace + "</tds:Namespace><tds:XAddr>" + address
                + "</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>0</tt:Minor></tds:Version></tds:Service>";
    }

    private String authenticate(Element header) {
        Element token = header == null ? null : child(child(header, "Security"), "UsernameToken");
        Element password = child(token, "Password");
        if (password != null && password.getAttribute("Type") != null
                && !password.getAttribute("Type").isEmpty() && !password.getAttribute("Type").endsWith("#PasswordDigest")) {
            return "only PasswordDigest is accepted";
        }
        return WsUsernameToken.refusal(camera.config().user(), camera.config().password(), text(child(token, "Username")),
                text(password), text(child(token, "Nonce")), text(child(token, "Created")),
                Instant.ofEpochMilli(cameraMillis()));
    }

    private long cameraMillis() {
        return System.currentTimeMillis() + camera.faults().clockSkewMs;
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        RtspAuthenticator auth = new RtspAuthenticator(camera.config().user(), camera.config().password());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (camera.faults().refuseCredentials || authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6) || !auth.accepts("GET", authorization)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + RtspAuthenticator.REALM + "\"");
            send(exchange, 401, "text/plain", "authentication required".getBytes(StandardCharsets.UTF_8));
            return;
        }
        CameraConfig c = camera.config();
        byte[] luma = camera.renderSnapshot();
        BufferedImage image = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, c.width(), c.height(), luma);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        send(exchange, 200, "image/jpeg", jpeg.toByteArray());
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:tt=\"http://www.onvif.org/ver10/schema\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
                + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\""
                + " xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body>" + body + "</env:Body></env:Envelope>";
    }

    private static void fault(HttpExchange exchange, int status, String code, String subcode, String reason) throws IOException {
        String body = "<env:Fault><env:Code><env:Value>" + code + "</env:Value><env:Subcode><env:Value>" + subcode
                + "</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                + reason.replace("&", "&amp;").replace("<", "&lt;") + "</env:Text></env:Reason></env:Fault>";
        send(exchange, status, "application/soap+xml; charset=utf-8", envelope(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }

    static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }

    private static double attr(Element e, String name) {
        if (e == null || e.getAttribute(name).isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(e.getAttribute(name));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
        }
        if (https != null) {
            https.stop(0);
        }
        workers.shutdownNow();
    }
}
