package org.vigilvms.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Sends sealed audit rows as RFC 5424 syslog messages over UDP to {@code vigil.syslog.target}
 * (host:port; unset: nothing is sent). Facility authpriv; severity notice for successes, warning
 * for failures and refusals. Structured data {@code [vigil@32473 ...]} carries the chain
 * position, actor, target and outcome for SIEM rules (32473 is the documentation enterprise
 * number of RFC 5612, to be replaced by a registered one).
 */
@ApplicationScoped
public class SyslogForwarder {

    private static final int AUTHPRIV = 10;
    private static final int MAX_DATAGRAM = 8192;

    public void forward(List<AuditEvent> events) {
        String target = System.getProperty("vigil.syslog.target");
        if (target == null || target.isBlank()) {
            return;
        }
        int colon = target.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        String host = hostName();
        try (DatagramSocket socket = new DatagramSocket()) {
            for (AuditEvent event : events) {
                byte[] message = format(event, host).getBytes(StandardCharsets.UTF_8);
                int length = Math.min(message.length, MAX_DATAGRAM);
                socket.send(new DatagramPacket(message, length, address));
            }
        } catch (IOException e) {
            // the database copy stays authoritative; a lost datagram is what UDP syslog accepts
        }
    }

    static String format(AuditEvent e, String host) {
        int severity = e.getOutcome() == AuditEvent.Outcome.SUCCESS ? 5 : 4;
        return "<" + (AUTHPRIV * 8 + severity) + ">1 " + DateTimeFormatter.ISO_INSTANT.format(e.getEventTs()) + " " + host
                + " vigil - " + e.getAction() + " [vigil@32473 seq=\"" + e.getChainSeq() + "\" actor=\"" + sd(e.getActor())
                + "\" target=\"" + sd(e.getTarget()) + "\" outcome=\"" + e.getOutcome() + "\"] " + clean(e.getDetail());
    }

    /** RFC 5424 PARAM-VALUE escaping. */
    private static String sd(String value) {
        return value == null ? "" : clean(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    /** No line breaks or control characters inside a message (no log injection). */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[\\p{Cntrl}]", " ");
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }
}
