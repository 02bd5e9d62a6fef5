package org.vigilvms.it;

import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live sockets opened the way the console opens them ({@code wss://.../live/{camera}?token=...}),
 * as a signed-in client, for tests that read what the server sends or why it closes.
 */
final class LiveSockets {

    private LiveSockets() {
    }

    /**
     * An open live socket: its first text message (the codec line; fails when the socket closes
     * first), its first binary message (the stream's initialisation segment), the server's close
     * ("code reason"), and how many binary messages (video) came.
     */
    record Opened(WebSocket socket, CompletableFuture<String> firstText, CompletableFuture<byte[]> firstBinary,
                  CompletableFuture<String> closed, AtomicInteger binary) {

        /** The codec the server announced, e.g. avc1.42c01e ({"codec":"..."}). */
        String codec() throws Exception {
            String line = firstText.get(20, TimeUnit.SECONDS);
            return Json.createReader(new StringReader(line)).readObject().getString("codec");
        }

        /** The initialisation segment (ftyp and moov: the sample description a player reads first), waited for up to 20 s. */
        byte[] init() throws Exception {
            return firstBinary.get(20, TimeUnit.SECONDS);
        }

        /** "code reason" of the server's close, waited for up to 10 s. */
        String closeReason() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }

        void abort() {
            socket.abort();
        }
    }

    /** The path of a fresh live ticket for {@code camera}, asked for as {@code client}. */
    static String ticketPath(HttpClient client, long camera) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras/"
                + camera + "/live")).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("no live ticket for camera " + camera + ": " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject().getString("path");
    }

    /** Opens the live socket at {@code path} (a ticket's path, with any parameters) in {@code client}'s session. */
    static Opened open(HttpClient client, String path) throws Exception {
        CompletableFuture<String> text = new CompletableFuture<>();
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        ByteArrayOutputStream firstParts = new ByteArrayOutputStream();
        CompletableFuture<String> closed = new CompletableFuture<>();
        AtomicInteger binary = new AtomicInteger();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.complete(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (binary.get() == 0) {
                    byte[] part = new byte[data.remaining()];
                    data.get(part);
                    firstParts.writeBytes(part);
                    if (last) {
                        first.complete(firstParts.toByteArray());
                    }
                }
                if (last) { // a large message may come in parts
                    binary.incrementAndGet();
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                text.completeExceptionally(new AssertionError("closed " + statusCode + " " + reason + " on " + path));
                first.completeExceptionally(new AssertionError("closed " + statusCode + " " + reason + " on " + path));
                closed.complete(statusCode + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                text.completeExceptionally(error);
                first.completeExceptionally(error);
                closed.completeExceptionally(error);
            }
        };
        WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create(VigilDeployment.BASE.replace("https:", "wss:") + path), listener).get(10, TimeUnit.SECONDS);
        return new Opened(socket, text, first, closed, binary);
    }
}
