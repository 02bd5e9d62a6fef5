package org.vigilvms.testkit.siem;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A syslog receiver (UDP, loopback) standing in for a SIEM: keeps every message it gets. */
public final class SyslogCollector implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private SyslogCollector(DatagramSocket socket) {
        this.socket = socket;
        Thread receiver = new Thread(this::receive, "syslog-collector");
        receiver.setDaemon(true);
        receiver.start();
    }

    public static SyslogCollector start() {
        try {
            return new SyslogCollector(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        } catch (SocketException e) {
            throw new IllegalStateException("cannot open a UDP port for syslog", e);
        }
    }

    /** host:port to configure as {@code vigil.syslog.target}. */
    public String target() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    private void receive() {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
