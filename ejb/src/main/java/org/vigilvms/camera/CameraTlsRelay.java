package org.vigilvms.camera;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS connection to an RTSPS camera, made and judged by Vigil itself, with FFmpeg on the
 * inside of it. FFmpeg's own TLS checks nothing, so a certificate judged on a separate probe
 * says nothing about the connection that carries the password and the video: someone on the
 * path could show the camera's certificate to the probe and their own to FFmpeg. Here the one
 * connection is judged (the approved pin, or a trusted camera CA) before a single byte of RTSP
 * goes out; only then does FFmpeg get a plain RTSP address on the loopback that leads into this
 * connection, accepted once, from this server only, and never again after that.
 */
public final class CameraTlsRelay implements Closeable {

    /** How long FFmpeg has to connect to the relay once it is offered. */
    static final int ACCEPT_TIMEOUT_MS = 10_000;

    private static final TrustManager JUDGED_AFTERWARDS = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // judged by the caller's pin or CA rule before any application data is sent
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private final SSLSocket camera;
    private final ServerSocket relay;
    private final X509Certificate[] chain;
    private final String rtspsUrl;
    private volatile Socket ffmpeg;

    private CameraTlsRelay(SSLSocket camera, ServerSocket relay, X509Certificate[] chain, String rtspsUrl) {
        this.camera = camera;
        this.relay = relay;
        this.chain = chain;
        this.rtspsUrl = rtspsUrl;
    }

    /** The TLS handshake failed or the camera could not be reached. */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Connects to the camera at {@code rtspsUrl} (TLS handshake only) and asks {@code judge}
     * about the chain it presented. Null when the judge refuses (the connection is closed before
     * anything was sent on it); otherwise the relay, whose {@link #rtspUrl} FFmpeg opens.
     */
    public static CameraTlsRelay open(String rtspsUrl, Predicate<X509Certificate[]> judge) throws Unreachable {
        URI uri = URI.create(rtspsUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : 322;
        SSLSocket camera = null;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {JUDGED_AFTERWARDS}, null);
            camera = (SSLSocket) context.getSocketFactory().createSocket();
            camera.connect(new InetSocketAddress(uri.getHost(), port), 5000);
            camera.setSoTimeout(5000);
            camera.startHandshake();
            X509Certificate[] chain = Arrays.stream(camera.getSession().getPeerCertificates())
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (!judge.test(chain)) {
                camera.close();
                return null;
            }
            camera.setSoTimeout(0); // FFmpeg keeps its own time-outs on the inside
            ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            relay.setSoTimeout(ACCEPT_TIMEOUT_MS);
            CameraTlsRelay opened = new CameraTlsRelay(camera, relay, chain, rtspsUrl);
            Thread pump = new Thread(opened::run, "camera-tls-relay-" + port);
            pump.setDaemon(true);
            pump.start();
            return opened;
        } catch (IOException | GeneralSecurityException e) {
            closeQuietly(camera);
            throw new Unreachable("TLS handshake with the camera failed: " + e.getMessage(), e);
        }
    }

    /** The chain the camera presented on this connection. */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    /**
     * What FFmpeg opens instead of the camera's address: plain RTSP to the relay on the loopback,
     * same path and query, with {@code userInfo} (already URL-encoded) when not null.
     */
    public String rtspUrl(String userInfo) {
        URI uri = URI.create(rtspsUrl);
        return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + relay.getLocalPort()
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private void run() {
        try (ServerSocket once = relay) {
            Socket inside = once.accept(); // the one connection; the listener closes right after
            if (!inside.getInetAddress().isLoopbackAddress()) {
                inside.close();
                return;
            }
            ffmpeg = inside;
        } catch (IOException e) {
            close();
            return;
        }
        Thread up = new Thread(() -> pump(ffmpeg, camera), "camera-tls-relay-up");
        up.setDaemon(true);
        up.start();
        pump(camera, ffmpeg);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[32 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or failed: the other goes too
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        closeQuietly(relay);
        closeQuietly(ffmpeg);
        closeQuietly(camera);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
