package org.vigilvms.testkit.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** Accepts RTSP (or RTSP over TLS) connections for one camera on loopback; a thread per connection. */
final class RtspListener implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;

    private RtspListener(VirtualCamera camera, ServerSocket server, boolean tls) {
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(camera, tls),
                "camera-" + camera.config().id() + (tls ? "-rtsps" : "-rtsp") + "-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    static RtspListener plain(VirtualCamera camera, int port) {
        try {
            return new RtspListener(camera, new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("camera " + camera.config().id() + ": RTSP port " + port + " unavailable: "
                    + e.getMessage(), e);
        }
    }

    static RtspListener tls(VirtualCamera camera, int port, KeyManager keyManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(port, 50, InetAddress.getLoopbackAddress());
            server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return new RtspListener(camera, server, true);
        } catch (IOException e) {
            throw new UncheckedIOException("camera " + camera.config().id() + ": RTSPS port " + port + " unavailable: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("camera " + camera.config().id() + ": TLS setup failed", e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop(VirtualCamera camera, boolean tls) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(new RtspConnection(camera, socket, tls),
                        "camera-" + camera.config().id() + "-rtsp-" + socket.getPort());
                connection.setDaemon(true);
                connection.start();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // a failed accept (e.g. TLS handshake) concerns that client only
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
