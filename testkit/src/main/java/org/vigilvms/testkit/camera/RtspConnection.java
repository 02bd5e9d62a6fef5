package org.vigilvms.testkit.camera;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One client connection to a virtual camera: the RTSP methods real cameras answer (OPTIONS,
 * DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER), Digest/Basic authentication, and the
 * video (and, when the camera has its microphone on, AAC or G.711 audio as a second track with
 * RTCP sender reports that tie both to the wall clock) as RTP interleaved on the same TCP (or TLS)
 * connection. A session that is not playing expires after {@value #SESSION_TIMEOUT_S} s without a
 * request.
 */
final class RtspConnection implements Runnable {

    static final int SESSION_TIMEOUT_S = 60;
    private static final int RTP_PAYLOAD = 1400;
    private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final VirtualCamera camera;
    private final Socket socket;
    private final boolean tls;
    private final RtspAuthenticator authenticator;
    private OutputStream out;
    private String sessionId;
    private int rtpChannel = 0;
    private int audioChannel = -1; // -1: the client did not set up the audio track
    /** The sound the last DESCRIBE announced (what the microphone sent then). */
    private volatile VirtualCamera.Microphone described = VirtualCamera.Microphone.OFF;
    /** The stream the last DESCRIBE named (main or sub-stream). */
    private CameraProfile profile;
    private volatile boolean playing;
    private volatile boolean closed;
    private Thread streamer;

    RtspConnection(VirtualCamera camera, Socket socket, boolean tls) {
        this.camera = camera;
        this.socket = socket;
        this.tls = tls;
        this.authenticator = new RtspAuthenticator(camera.config().user(), camera.config().password());
    }

    /** A parsed request. */
    private record Request(String method, String uri, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(SESSION_TIMEOUT_S * 1000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            while (!closed) {
                Request request;
                try {
                    request = read(in);
                } catch (SocketTimeoutException e) {
                    if (playing) {
                        continue; // TCP-interleaved playback keeps the session alive
                    }
                    return; // session timeout
                }
                if (request == null) {
                    return;
                }
                handle(request);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            stopStreaming();
        }
    }

    private Request read(InputStream in) throws IOException {
        int first;
        while ((first = in.read()) == '$') {
            // interleaved data from the client (RTCP receiver reports): skip it
            in.read();
            int length = (in.read() << 8) | in.read();
            in.skipNBytes(length);
        }
        if (first < 0) {
            return null;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] b = head.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                break;
            }
            if (n > 16 * 1024) {
                throw new IOException("request head too large");
            }
        }
        if (c < 0) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("RTSP/1.0")) {
            throw new IOException("not an RTSP request: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            in.skipNBytes(Integer.parseInt(length));
        }
        return new Request(requestLine[0], requestLine[1], headers);
    }

    private void handle(Request request) throws IOException {
        String cseq = request.header("CSeq");
        if (request.method().equals("OPTIONS")) {
            respond(200, "OK", cseq, Map.of("Public", PUBLIC), null);
            return;
        }
        if (camera.faults().refuseCredentials
                || !authenticator.accepts(request.method(), request.header("Authorization"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            String[] challenges = authenticator.challenges();
            headers.put("WWW-Authenticate", challenges[0]);
            headers.put("WWW-Authenticate ", challenges[1]); // second header of the same name
            respond(401, "Unauthorized", cseq, headers, null);
            return;
        }
        switch (request.method()) {
            case "DESCRIBE" -> describe(request, cseq);
            case "SETUP" -> setup(request, cseq);
            case "PLAY" -> play(request, cseq);
            case "PAUSE" -> {
                if (!sessionMatches(request, cseq)) {
                    return;
                }
                stopStreaming();
                respond(200, "OK", cseq, Map.of("Session", sessionId), null);
            }
            case "TEARDOWN" -> {
                stopStreaming();
                respond(200, "OK", cseq, Map.of(), null);
                closed = true;
            }
            case "GET_PARAMETER", "SET_PARAMETER" -> respond(200, "OK", cseq,
                    sessionId == null ? Map.of() : Map.of("Session", sessionId), null);
            default -> respond(405, "Method Not Allowed", cseq, Map.of("Allow", PUBLIC), null);
        }
    }

    private void describe(Request request, String cseq) throws IOException {
        CameraProfile named = camera.profile(request.uri());
        if (named == null || named != camera.mainProfile() && camera.faults().subStreamGone) {
            respond(404, "Not Found", cseq, Map.of(), null);
            return;
        }
        this.profile = named;
        CameraConfig c = camera.config();
        String sdp = "v=0\r\n"
                + "o=- " + (RANDOM.nextInt() & 0x7fffffff) + " 1 IN IP4 127.0.0.1\r\n"
                + "s=Vigil virtual camera " + c.id() + "\r\n"
                + "t=0 0\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=now-\r\n"
                + "m=video 0 RTP/AVP " + RtpPacketizer.PAYLOAD_TYPE + "\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "b=AS:" + (named.bitrate() / 1000) + "\r\n"
                + "a=rtpmap:" + RtpPacketizer.PAYLOAD_TYPE + " " + named.codec().rtpName() + "/90000\r\n"
                + "a=fmtp:" + RtpPacketizer.PAYLOAD_TYPE + " " + videoFormat(named, camera.faults().parameterSetsOnlyInBand, camera.faults().staleDescription) + "\r\n"
                + "a=framerate:" + c.fps() + "\r\n"
                + "a=control:trackID=0\r\n";
        described = camera.microphone();
        if (described == VirtualCamera.Microphone.G711) {
            int pt = RtpPacketizer.PCMU_PAYLOAD_TYPE;
            sdp += "m=audio 0 RTP/AVP " + pt + "\r\n"
                    + "c=IN IP4 0.0.0.0\r\n"
                    + "a=rtpmap:" + pt + " PCMU/" + G711Tone.SAMPLE_RATE + "/1\r\n"
                    + "a=control:trackID=1\r\n";
        } else if (described == VirtualCamera.Microphone.AAC) {
            int pt = RtpPacketizer.AAC_PAYLOAD_TYPE;
            sdp += "m=audio 0 RTP/AVP " + pt + "\r\n"
                    + "c=IN IP4 0.0.0.0\r\n"
                    + "a=rtpmap:" + pt + " MPEG4-GENERIC/" + AacTone.SAMPLE_RATE + "/1\r\n"
                    + "a=fmtp:" + pt + " streamtype=5;profile-level-id=15;mode=AAC-hbr;sizelength=13;indexlength=3;"
                    + "indexdeltalength=3;config=" + HexFormat.of().formatHex(AacTone.get().audioSpecificConfig()) + "\r\n"
                    + "a=control:trackID=1\r\n";
        }
        String base = request.uri().endsWith("/") ? request.uri() : request.uri() + "/";
        respond(200, "OK", cseq, Map.of("Content-Base", base, "Content-Type", "application/sdp"), sdp);
    }

    /**
     * The video's format parameters: H.264 (RFC 6184) its profile and, unless {@code inBandOnly},
     * its SPS and PPS; H.265 (RFC 7798) its VPS, SPS and PPS unless {@code inBandOnly} (the
     * decoder then finds them in the stream, before every key picture); {@code stale}: those of the
     * size the stream was first encoded at, whatever it sends now.
     */
    private static String videoFormat(CameraProfile profile, boolean inBandOnly, boolean stale) {
        List<byte[]> sets = stale ? profile.firstParameterSets() : profile.parameterSets();
        Base64.Encoder base64 = Base64.getEncoder();
        if (profile.codec() == VideoCodec.H264) {
            byte[] sps = sets.get(0);
            String format = "packetization-mode=1;profile-level-id=" + String.format("%02X%02X%02X", sps[1], sps[2], sps[3]);
            return inBandOnly ? format
                    : format + ";sprop-parameter-sets=" + base64.encodeToString(sps) + "," + base64.encodeToString(sets.get(1));
        }
        return inBandOnly ? "profile-id=1" : "profile-id=1;sprop-vps=" + base64.encodeToString(sets.get(0)) + ";sprop-sps="
                + base64.encodeToString(sets.get(1)) + ";sprop-pps=" + base64.encodeToString(sets.get(2));
    }

    private void setup(Request request, String cseq) throws IOException {
        String transport = request.header("Transport");
        if (transport == null || !transport.contains("RTP/AVP/TCP")) {
            respond(461, "Unsupported Transport", cseq, Map.of(), null); // RTP over TCP only
            return;
        }
        boolean audioTrack = request.uri().endsWith("trackID=1");
        if (audioTrack && described == VirtualCamera.Microphone.OFF) {
            respond(404, "Not Found", cseq, Map.of(), null);
            return;
        }
        int channel = audioTrack ? 2 : 0;
        int idx = transport.indexOf("interleaved=");
        if (idx >= 0) {
            String range = transport.substring(idx + "interleaved=".length()).split("[;,]")[0];
            channel = Integer.parseInt(range.split("-")[0].trim());
        }
        if (audioTrack) {
            audioChannel = channel;
        } else {
            rtpChannel = channel;
        }
        if (sessionId == null) {
            sessionId = Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        }
        respond(200, "OK", cseq, Map.of("Transport", "RTP/AVP/TCP;unicast;interleaved=" + channel + "-" + (channel + 1),
                "Session", sessionId + ";timeout=" + SESSION_TIMEOUT_S), null);
    }

    private void play(Request request, String cseq) throws IOException {
        if (!sessionMatches(request, cseq)) {
            return;
        }
        RtpPacketizer packetizer = new RtpPacketizer(RTP_PAYLOAD, RANDOM.nextInt(), RANDOM.nextInt());
        boolean g711 = described == VirtualCamera.Microphone.G711;
        RtpPacketizer audio = audioChannel < 0 ? null : new RtpPacketizer(g711 ? RtpPacketizer.PCMU_PAYLOAD_TYPE
                : RtpPacketizer.AAC_PAYLOAD_TYPE, RTP_PAYLOAD, RANDOM.nextInt(), RANDOM.nextInt());
        CameraProfile streamed = profile != null ? profile : camera.mainProfile();
        VirtualCamera.Subscriber subscriber = streamed.subscribe();
        String base = request.uri().endsWith("/") ? request.uri() : request.uri() + "/";
        String rtpInfo = "url=" + base + "trackID=0;seq=" + packetizer.nextSequence()
                + (audio == null ? "" : ",url=" + base + "trackID=1;seq=" + audio.nextSequence());
        respond(200, "OK", cseq, Map.of("Session", sessionId, "Range", "npt=0.000-", "RTP-Info", rtpInfo), null);
        playing = true;
        streamer = new Thread(() -> stream(streamed, subscriber, packetizer, audio, g711), Thread.currentThread().getName() + "-rtp");
        streamer.setDaemon(true);
        streamer.start();
    }

    private boolean sessionMatches(Request request, String cseq) throws IOException {
        String session = request.header("Session");
        if (sessionId == null || session == null || !session.split(";")[0].trim().equals(sessionId)) {
            respond(454, "Session Not Found", cseq, Map.of(), null);
            return false;
        }
        return true;
    }

    private void stream(CameraProfile streamed, VirtualCamera.Subscriber subscriber, RtpPacketizer packetizer, RtpPacketizer audio,
                        boolean g711) {
        long started = System.currentTimeMillis();
        int sampleRate = g711 ? G711Tone.SAMPLE_RATE : AacTone.SAMPLE_RATE;
        int samplesPerUnit = g711 ? G711Tone.SAMPLES_PER_PACKET : AacTone.SAMPLES_PER_UNIT;
        long audioStartMs = -1; // the sound starts with the first picture sent
        long audioUnits = 0;
        long lastReport = 0;
        try {
            while (playing && !closed) {
                long dropAfter = camera.faults().dropAfterMs;
                if (dropAfter > 0 && System.currentTimeMillis() - started >= dropAfter) {
                    socket.close(); // injected connection loss
                    return;
                }
                if (subscriber.overflowed() || streamed != camera.mainProfile() && camera.faults().subStreamGone) {
                    socket.close(); // the viewer fell too far behind, or the sub-stream went away
                    return;
                }
                EncodedFrame frame = subscriber.take(200);
                if (frame == null) {
                    continue;
                }
                List<byte[]> nals = camera.faults().corruptNalUnits ? corrupt(frame.nalUnits(), streamed.codec()) : frame.nalUnits();
                long mediaMs = frame.captureTimeMs() + (frame.captureTimeMs() - started) * camera.faults().clockDriftPpm / 1_000_000;
                long rtpTime = (mediaMs * 90) & 0xffffffffL;
                List<byte[]> packets = new ArrayList<>();
                List<Integer> channels = new ArrayList<>();
                if (audio != null) {
                    if (audioStartMs < 0) {
                        audioStartMs = frame.captureTimeMs();
                    }
                    if (frame.captureTimeMs() - lastReport >= 5000) {
                        // sender reports first: they tie both tracks' RTP clocks to the camera's wall clock
                        long wall = frame.captureTimeMs();
                        add(packets, channels, packetizer.senderReport(wall, rtpTime), rtpChannel + 1);
                        add(packets, channels, audio.senderReport(wall, (wall * sampleRate / 1000) & 0xffffffffL),
                                audioChannel + 1);
                        lastReport = wall;
                    }
                    // the sound up to this picture's time (less the lag, when the camera's sound lags)
                    long samplesStart = audioStartMs * sampleRate / 1000;
                    long soundUpTo = frame.captureTimeMs() - audioStartMs - camera.faults().soundLagMs;
                    while ((audioUnits * samplesPerUnit) * 1000 / sampleRate <= soundUpTo) {
                        long audioTime = (samplesStart + audioUnits * samplesPerUnit) & 0xffffffffL;
                        if (!camera.faults().soundLost) {
                            add(packets, channels, g711 ? audio.packetizePcmu(G711Tone.packet(audioUnits), audioTime)
                                    : audio.packetizeAac(AacTone.get().unit(audioUnits), audioTime), audioChannel);
                        }
                        audioUnits++;
                    }
                }
                for (byte[] packet : packetizer.packetize(nals, rtpTime, streamed.codec())) {
                    add(packets, channels, packet, rtpChannel);
                }
                int size = 0;
                for (byte[] packet : packets) {
                    size += 4 + packet.length;
                }
                // one write per frame: the interleaved packets assembled in one buffer
                byte[] buffer = new byte[size];
                int offset = 0;
                for (int p = 0; p < packets.size(); p++) {
                    byte[] packet = packets.get(p);
                    buffer[offset] = '$';
                    buffer[offset + 1] = (byte) (int) channels.get(p);
                    buffer[offset + 2] = (byte) (packet.length >> 8);
                    buffer[offset + 3] = (byte) packet.length;
                    System.arraycopy(packet, 0, buffer, offset + 4, packet.length);
                    offset += 4 + packet.length;
                }
                synchronized (this) {
                    out.write(buffer);
                    out.flush();
                }
                camera.sent();
            }
        } catch (IOException e) {
            closed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streamed.unsubscribe(subscriber);
        }
    }

    private static void add(List<byte[]> packets, List<Integer> channels, byte[] packet, int channel) {
        packets.add(packet);
        channels.add(channel);
    }

    /** Damages slice data (not parameter sets) the way a faulty encoder or link would. */
    private static List<byte[]> corrupt(List<byte[]> nals, VideoCodec codec) {
        List<byte[]> damaged = new ArrayList<>(nals.size());
        for (byte[] nal : nals) {
            if (codec.isSlice(nal) && nal.length > 32) {
                byte[] copy = nal.clone();
                for (int i = copy.length / 2; i < Math.min(copy.length, copy.length / 2 + 16); i++) {
                    copy[i] ^= (byte) 0xa5;
                }
                damaged.add(copy);
            } else {
                damaged.add(nal);
            }
        }
        return damaged;
    }

    private void stopStreaming() {
        playing = false;
        Thread t = streamer;
        if (t != null) {
            t.interrupt();
        }
    }

    private synchronized void respond(int status, String reason, String cseq, Map<String, String> headers, String body)
            throws IOException {
        StringBuilder sb = new StringBuilder("RTSP/1.0 ").append(status).append(' ').append(reason).append("\r\n");
        if (cseq != null) {
            sb.append("CSeq: ").append(cseq).append("\r\n");
        }
        sb.append("Server: Vigil virtual camera ").append(camera.config().id()).append(tls ? " (TLS)" : "").append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            sb.append(h.getKey().trim()).append(": ").append(h.getValue()).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            sb.append("Content-Length: ").append(content.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.flush();
    }
}
