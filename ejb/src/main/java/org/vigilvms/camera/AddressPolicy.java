package org.vigilvms.camera;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigilvms.platform.InvalidRequestException;

/**
 * Where Vigil may connect on an administrator's word (camera streams, ONVIF devices and the
 * service addresses they name, discovery targets): never to this server's own services (its
 * HTTPS, management, broker and database ports on its own addresses), and to loopback,
 * link-local (169.254.0.0/16 and fe80::/10, where cloud metadata services live), unspecified,
 * multicast and broadcast addresses only inside a network an administrator allowed
 * ({@code vigil.camera.networks.allowed}, e.g. {@code 127.0.0.0/8} for cameras simulated on the
 * server itself). Every address a name resolves to must pass, so a name cannot smuggle one in.
 * Without it, "test this camera" is a request forgery tool that reaches whatever the server
 * can reach.
 */
public final class AddressPolicy {

    /** Comma-separated CIDR networks where otherwise refused addresses are allowed. */
    public static final String ALLOWED = "vigil.camera.networks.allowed";

    /** One allowed network: the address and how many leading bits count. */
    record Network(byte[] address, int prefix) {

        static Network parse(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            try {
                InetAddress address = InetAddress.getByName(parts[0]);
                int bits = address.getAddress().length * 8;
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
                if (!parts[0].matches("[0-9a-fA-F.:]+") || prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("not a network: " + cidr);
                }
                return new Network(address.getAddress(), prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network: " + cidr, e);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((other[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> allowed;
    private final Set<Integer> serverPorts;

    AddressPolicy(List<Network> allowed, Set<Integer> serverPorts) {
        this.allowed = List.copyOf(allowed);
        this.serverPorts = Set.copyOf(serverPorts);
    }

    /** The policy as this server is configured (read at each use: a change takes effect at once). */
    public static AddressPolicy current() {
        List<Network> networks = new ArrayList<>();
        for (String cidr : System.getProperty(ALLOWED, "").split(",")) {
            if (!cidr.isBlank()) {
                networks.add(Network.parse(cidr));
            }
        }
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        Set<Integer> ports = new TreeSet<>();
        for (String property : new String[] {"jboss.https.port:8443", "jboss.http.port:8080", "jboss.management.http.port:9990",
                "jboss.management.https.port:9993", "vigil.messaging.port:5445"}) {
            String[] p = property.split(":");
            ports.add(Integer.getInteger(p[0], Integer.parseInt(p[1])) + (p[0].startsWith("jboss") ? offset : 0));
        }
        ports.add(databasePort(System.getProperty("vigil.db.url", "")));
        return new AddressPolicy(networks, ports);
    }

    /** The port of a {@code jdbc:postgresql://host:port/...} URL; PostgreSQL's 5432 when it names none. */
    static int databasePort(String jdbcUrl) {
        Matcher m = Pattern.compile("jdbc:postgresql://[^/:]+:(\\d{1,5})/.*").matcher(jdbcUrl);
        return m.matches() ? Integer.parseInt(m.group(1)) : 5432;
    }

    /** Refuses (400) a connection to {@code host}:{@code port} for {@code what} unless the policy allows it. */
    public void require(String what, String host, int port) {
        String problem = problem(host, port);
        if (problem != null) {
            throw new InvalidRequestException(what + ": " + problem);
        }
    }

    /** Why a connection to {@code host}:{@code port} is refused, or null. */
    public String problem(String host, int port) {
        if (host == null || host.isBlank()) {
            return "no host";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "the name " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            String problem = problem(address, port, local(address));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The rule for one resolved address; {@code ownAddress}: the server answers on it. */
    String problem(InetAddress address, int port, boolean ownAddress) {
        if ((ownAddress || address.isLoopbackAddress()) && serverPorts.contains(port)) {
            return "address not allowed: " + address.getHostAddress() + " port " + port + " is this server's own service";
        }
        boolean special = address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress() || broadcastOrThisNetwork(address);
        if (special && allowed.stream().noneMatch(n -> n.contains(address))) {
            return "address not allowed: " + address.getHostAddress()
                    + " is loopback, link-local, multicast or unspecified (an administrator may allow a network in " + ALLOWED + ")";
        }
        return null;
    }

    private static boolean broadcastOrThisNetwork(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        return b[0] == 0 || (b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff;
    }

    private static boolean local(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
