package org.vigilvms.testkit.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.vigilvms.setup.InternalCa;

/**
 * An attacker on the path between the VMS and a camera's TLS service (RTSPS, ONVIF over HTTPS), for tests. It listens on a
 * loopback address of its own and, per connection, either passes the bytes through to the
 * real camera (whose TLS then runs end to end: the client sees the camera's own certificate) or
 * answers the TLS handshake itself with a certificate of its own and keeps the plain text the
 * client sends, answering every RTSP request with a Basic challenge so that a client which
 * trusts it hands over the camera password. Which connections it takes over is the test's
 * choice ({@link Mode}), e.g. every second one: the shape of an attack that shows the real
 * certificate to a separate probe and its own to the stream that follows.
 */
public final class TlsInterceptor implements AutoCloseable {

    /** Which connections the attacker takes over. */
    public enum Mode {
        /** None: every connection reaches the camera. */
        PASS,
        /** Every second one from now on (the first passes, the second is taken over, ...). */
        ALTERNATE,
        /** All of them. */
        IMPERSONATE
    }

    private final ServerSocket listener;
    private final InetSocketAddress camera;
    private final SSLContext impostor;
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sinceModeChange = new AtomicInteger();
    private final AtomicInteger takenOver = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;

    private TlsInterceptor(ServerSocket listener, InetSocketAddress camera, SSLContext impostor) {
        this.listener = listener;
        this.camera = camera;
        this.impostor = impostor;
    }

    /** Listens on {@code address} (any free port) in front of the camera at {@code camera}. */
    public static TlsInterceptor start(String address, InetSocketAddress camera) {
        try {
            char[] password = "interceptor".toCharArray();
            KeyStore keys = InternalCa.create("on-path attacker").issueServer("camera", List.of("localhost"),
                    List.of("127.0.0.1", address), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            TlsInterceptor interceptor = new TlsInterceptor(listener, camera, context);
            Thread acceptor = new Thread(interceptor::accept, "tls-interceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            return interceptor;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the interceptor: " + e.getMessage(), e);
        }
    }

    /** The address to give the VMS instead of the camera's RTSPS one. */
    public String rtspsUrl(String path) {
        return url("rtsps", path);
    }

    /** The address to give the VMS instead of the camera's, for any TLS service ({@code https} for ONVIF). */
    public String url(String scheme, String path) {
        return scheme + "://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort() + path;
    }

    /** Switches mode and drops every connection open now, so the client must connect again. */
    public void switchTo(Mode next) {
        mode = next;
        sinceModeChange.set(0);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** How many connections the attacker took over (completed its own handshake or not). */
    public int takenOver() {
        return takenOver.get();
    }

    /** Everything clients sent in plain text to the attacker's own TLS endpoint. */
    public String heard() {
        synchronized (heard) {
            return heard.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                int n = sinceModeChange.incrementAndGet();
                boolean takeOver = mode == Mode.IMPERSONATE || mode == Mode.ALTERNATE && n % 2 == 0;
                Thread handler = new Thread(() -> {
                    if (takeOver) {
                        takenOver.incrementAndGet();
                        impersonate(client);
                    } else {
                        passThrough(client);
                    }
                }, "tls-interceptor-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void passThrough(Socket client) {
        try (Socket upstream = new Socket()) {
            upstream.connect(camera, 5000);
            open.add(upstream);
            Thread back = new Thread(() -> pump(upstream, client), "tls-interceptor-down");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            // the camera is gone: so is the client's connection
        } finally {
            closeQuietly(client);
        }
    }

    private void impersonate(Socket client) {
        try (SSLSocket tls = (SSLSocket) impostor.getSocketFactory().createSocket(client, null, client.getPort(), true)) {
            tls.setUseClientMode(false);
            tls.setSoTimeout(15_000);
            InputStream in = tls.getInputStream();
            OutputStream out = tls.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (heard) {
                    heard.write(buffer, 0, n);
                }
                request.write(buffer, 0, n);
                String text = request.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    String cseq = text.replaceAll("(?s).*CSeq: *(\\d+).*", "$1");
                    out.write(("RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq + "\r\nWWW-Authenticate: Basic realm=\"camera\"\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    request.reset();
                }
            }
        } catch (IOException e) {
            // the client gave up: a refused handshake or a closed connection
        } finally {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // one side closed
        } catch (IOException e) {
            // one side failed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }
}
