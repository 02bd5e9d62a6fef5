package org.vigilvms.testkit.notify;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.tools.PemText;

/**
 * A webhook receiver for tests: an HTTPS server on a free loopback port with a certificate from
 * a CA of its own (as a company's internal service would have), that keeps every request it
 * gets and answers with the statuses it is told to (200 once they are used up).
 */
public final class HttpsReceiver implements AutoCloseable {

    /** A request as received: its headers (names in lower case) and body. */
    public record Received(Map<String, String> headers, String body) {
    }

    private final HttpsServer server;
    private final X509Certificate ca;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    private HttpsReceiver(HttpsServer server, X509Certificate ca) {
        this.server = server;
        this.ca = ca;
    }

    public static HttpsReceiver start() {
        try {
            InternalCa receiverCa = InternalCa.create("test webhook receiver");
            char[] password = "receiver".toCharArray();
            KeyStore keys = receiverCa.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            HttpsReceiver receiver = new HttpsReceiver(server, receiverCa.certificate());
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    Map<String, String> headers = new TreeMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                            String.join(",", values)));
                    receiver.received.add(new Received(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
                int status = receiver.nextAnswer();
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statuses of the next answers, in order (then 200 again). */
    public synchronized void answer(int... statuses) {
        for (int status : statuses) {
            answers.addLast(status);
        }
    }

    private synchronized int nextAnswer() {
        return answers.isEmpty() ? 200 : answers.removeFirst();
    }

    public String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The receiver's CA certificate in PEM: what the VMS is told to trust for this receiver. */
    public String caPem() {
        try {
            return PemText.of("CERTIFICATE", ca.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every request so far, in the order they came. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
