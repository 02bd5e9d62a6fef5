package org.vigilvms.testkit.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers WS-Discovery (2005/04, as ONVIF uses it) Probes for a set of virtual cameras: on UDP
 * {@code port} (3702 by default), unicast and, where the loopback interface allows it, the
 * multicast group 239.255.255.250. Each camera answers with a ProbeMatch naming its ONVIF XAddrs.
 */
public final class WsDiscoveryResponder implements AutoCloseable {

    public static final int DEFAULT_PORT = 3702;
    static final String MULTICAST_GROUP = "239.255.255.250";
    private static final Pattern MESSAGE_ID = Pattern.compile("MessageID[^>]*>\\s*([^<\\s]+)\\s*<");
    private static final Pattern TYPES = Pattern.compile("Types[^>]*>([^<]*)<");

    private final MulticastSocket socket;
    private final List<VirtualCamera> cameras;
    private final Thread thread;
    private final boolean multicast;

    public WsDiscoveryResponder(int port, List<VirtualCamera> cameras) {
        this.cameras = List.copyOf(cameras);
        try {
            socket = new MulticastSocket(null);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new UncheckedIOException("WS-Discovery port " + port + " unavailable: " + e.getMessage(), e);
        }
        boolean joined;
        try {
            NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            socket.joinGroup(new InetSocketAddress(InetAddress.getByName(MULTICAST_GROUP), 0), loopback);
            joined = true;
        } catch (IOException e) {
            joined = false; // unicast probes still work
        }
        multicast = joined;
        thread = new Thread(this::serve, "ws-discovery");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Whether the multicast group could be joined here. */
    public boolean multicast() {
        return multicast;
    }

    private void serve() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String probe = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (!probe.contains("Probe") || probe.contains("ProbeMatches")) {
                    continue;
                }
                Matcher types = TYPES.matcher(probe);
                if (types.find() && !types.group(1).isBlank() && !types.group(1).contains("NetworkVideoTransmitter")
                        && !types.group(1).contains("Device")) {
                    continue;
                }
                Matcher id = MESSAGE_ID.matcher(probe);
                String relatesTo = id.find() ? id.group(1) : "urn:uuid:" + UUID.randomUUID();
                for (VirtualCamera camera : cameras) {
                    byte[] answer = probeMatch(camera, relatesTo).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // one bad datagram concerns its sender only
            }
        }
    }

    static String probeMatch(VirtualCamera camera, String relatesTo) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Header>"
                + "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:RelatesTo>" + relatesTo.replace("<", "") + "</a:RelatesTo>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action>"
                + "</s:Header><s:Body><d:ProbeMatches><d:ProbeMatch>"
                + "<a:EndpointReference><a:Address>urn:uuid:" + camera.uuid() + "</a:Address></a:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
                + "<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/type/ptz"
                + " onvif://www.onvif.org/hardware/VirtualCamera onvif://www.onvif.org/name/Vigil_VC_" + camera.config().id()
                + "</d:Scopes><d:XAddrs>" + camera.onvifDeviceUrl() + "</d:XAddrs>"
                + "<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>";
    }

    @Override
    public void close() {
        socket.close();
    }
}
