package org.vigilvms.testkit.camera;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A cheap RTSP viewer for load tests: plays a stream over TCP-interleaved RTP and counts frames
 * (RTP marker bits), bytes and lost packets (sequence gaps), without decoding anything.
 */
public final class RtspSink implements Runnable {

    private final String host;
    private final int port;
    private final String authorization;
    private volatile boolean running = true;
    private volatile long frames;
    private volatile long bytes;
    private volatile long lostPackets;
    private volatile String error;
    private Socket socket;

    public RtspSink(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public long frames() {
        return frames;
    }

    public long bytes() {
        return bytes;
    }

    public long lostPackets() {
        return lostPackets;
    }

    public String error() {
        return error;
    }

    public void stop() {
        running = false;
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        String url = "rtsp://" + host + ":" + port + "/stream1";
        try (Socket s = new Socket(host, port)) {
            socket = s;
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            request(out, in, "DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n");
            String session = request(out, in, "SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 2\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
            request(out, in, "PLAY " + url + "/ RTSP/1.0\r\nCSeq: 3\r\nSession: " + session + "\r\n");
            int expected = -1;
            byte[] packet = new byte[65_536];
            while (running) {
                if (in.readUnsignedByte() != '$') {
                    throw new IOException("lost RTP framing");
                }
                in.readUnsignedByte();
                int length = in.readUnsignedShort();
                in.readFully(packet, 0, length);
                bytes += length;
                int sequence = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
                if (expected >= 0 && sequence != expected) {
                    lostPackets += (sequence - expected) & 0xffff;
                }
                expected = (sequence + 1) & 0xffff;
                if ((packet[1] & 0x80) != 0) {
                    frames++;
                }
            }
        } catch (IOException e) {
            if (running) {
                error = e.getMessage();
            }
        }
    }

    /** Sends a request, reads the response head, returns its Session id (if any). */
    private String request(OutputStream out, DataInputStream in, String head) throws IOException {
        out.write((head + "Authorization: " + authorization + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String status = readLine(in);
        if (!status.startsWith("RTSP/1.0 200")) {
            throw new IOException(status);
        }
        String session = null;
        int contentLength = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase();
            if (lower.startsWith("session:")) {
                session = line.substring(8).trim().split(";")[0];
            } else if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skipNBytes(contentLength);
        return session;
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
