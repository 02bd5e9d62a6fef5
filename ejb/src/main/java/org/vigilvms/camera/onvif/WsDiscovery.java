package org.vigilvms.camera.onvif;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WS-Discovery probe for ONVIF video transmitters: sends one Probe (multicast 239.255.255.250:3702
 * by default, or unicast to a given host:port) and collects the ProbeMatches that answer it
 * within a time window. Only matches relating to our own Probe are taken.
 */
public final class WsDiscovery {

    public static final InetSocketAddress MULTICAST = new InetSocketAddress("239.255.255.250", 3702);
    private static final Pattern ADDRESS = Pattern.compile("<[^>]*Address>\\s*([^<\\s]+)\\s*</");
    private static final Pattern XADDRS = Pattern.compile("<[^>]*XAddrs>\\s*([^<]+?)\\s*</");
    private static final Pattern SCOPES = Pattern.compile("<[^>]*Scopes>\\s*([^<]*?)\\s*</");

    /** One device that answered: its endpoint id, ONVIF device service addresses and scopes. */
    public record Device(String endpoint, List<String> xaddrs, String scopes) {
    }

    private WsDiscovery() {
    }

    public static List<Device> probe(InetSocketAddress target, Duration window) {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String probe = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"><s:Header>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
                + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>"
                + "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>";
        Map<String, Device> found = new LinkedHashMap<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] data = probe.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length, target));
            long deadline = System.nanoTime() + window.toNanos();
            byte[] buffer = new byte[65_535];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (!answer.contains("ProbeMatch") || !answer.contains(messageId)) {
                    continue;
                }
                Matcher endpoint = ADDRESS.matcher(answer);
                Matcher xaddrs = XADDRS.matcher(answer);
                Matcher scopes = SCOPES.matcher(answer);
                if (endpoint.find() && xaddrs.find()) {
                    List<String> addresses = new ArrayList<>(List.of(xaddrs.group(1).trim().split("\\s+")));
                    addresses.removeIf(a -> !a.startsWith("http://") && !a.startsWith("https://"));
                    found.put(endpoint.group(1), new Device(endpoint.group(1), List.copyOf(addresses),
                            scopes.find() ? scopes.group(1) : ""));
                }
            }
        } catch (IOException e) {
            throw new OnvifException("WS-Discovery probe to " + target + " failed: " + e.getMessage());
        }
        return List.copyOf(found.values());
    }
}
