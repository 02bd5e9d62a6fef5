package org.vigilvms.push;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigilvms.live.LiveHub;
import org.vigilvms.live.LiveService;
import org.vigilvms.live.LiveStream;
import org.vigilvms.live.LiveTokens;
import org.vigilvms.live.TicketHolders;
import org.vigilvms.platform.RefusedRequestException;
import org.vigilvms.platform.TokenBucket;
import org.vigilvms.security.Caller;

/**
 * {@code wss://.../live/{camera}?token=...[&sound=1][&w=width][&hevc=1]}: one camera's live fragmented MP4
 * for a browser's Media Source Extensions, pictures only or (sound=1, for holders of LISTEN) with
 * the camera's sound; a tile {@code w} device pixels wide gets the camera's sub-stream when that
 * fits it (the main stream otherwise, and again when the sub-stream stops); a browser that does
 * not say it plays H.265 ({@code hevc=1}) gets an H.265 camera transcoded to H.264, or a 1008
 * close saying that the server transcodes as many streams as it may already. Opens only with a token from {@code GET /api/v1/cameras/{id}/live} issued to
 * this HTTP session (a copied URL is useless elsewhere); otherwise closed with 1008. Also closed
 * with 1008 when that session ends or the viewer no longer holds VIEW_LIVE, or LISTEN for a stream
 * with sound (asked again every few seconds, {@link OpenSockets}), when the user already watches {@link OpenSockets#liveStreamsPerUser()} streams, and when the
 * browser sends more than a few messages a second ({@link MessageRate}).
 * Messages: a text {"codec":...} then the initialisation segment, then one fragment per frame.
 * A viewer that falls behind loses queued fragments and resumes at the next keyframe, so a slow
 * browser never slows the recorder.
 */
@ServerEndpoint(value = "/live/{cameraId}", configurator = LiveSocket.SessionBinding.class)
public class LiveSocket {

    static final String HTTP_SESSION_ID = "vigil.httpSessionId";
    static final int MAX_QUEUED = 250;

    /** Carries the HTTP session id of the upgrade request to the endpoint. */
    public static class SessionBinding extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Object session = request.getHttpSession();
            if (session instanceof HttpSession http) {
                config.getUserProperties().put(HTTP_SESSION_ID, http.getId());
            }
        }
    }

    private long cameraId;
    private LiveStream stream;
    private String user;
    private Viewer viewer;
    private TokenBucket rate;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("cameraId") String camera) throws IOException {
        List<String> tokens = session.getRequestParameterMap().get("token");
        String token = tokens == null ? null : tokens.get(0);
        String httpSession = (String) config.getUserProperties().remove(HTTP_SESSION_ID);
        Optional<String> verified;
        try {
            cameraId = Long.parseLong(camera);
            verified = CDI.current().select(LiveTokens.class).get().verify(token, cameraId, httpSession);
        } catch (NumberFormatException e) {
            verified = Optional.empty();
        }
        Optional<Caller> viewerCaller = CDI.current().select(TicketHolders.class).get().holder(token);
        if (verified.isEmpty() || viewerCaller.isEmpty() || !viewerCaller.get().name().equals(verified.get())) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "no valid live token"));
            return;
        }
        user = verified.get();
        Caller watching = viewerCaller.get();
        LiveService live = CDI.current().select(LiveService.class).get();
        List<String> sound = session.getRequestParameterMap().get("sound");
        List<String> hevc = session.getRequestParameterMap().get("hevc");
        LiveStream chosen;
        try {
            chosen = live.streamFor(watching, cameraId, sound != null && sound.contains("1"),
                    tileWidth(session.getRequestParameterMap().get("w")), hevc != null && hevc.contains("1"));
        } catch (RefusedRequestException e) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.getMessage())); // audited by the service
            return;
        }
        if (!CDI.current().select(OpenSockets.class).get().openedLive(session, httpSession, user,
                () -> live.mayGoOnWatching(watching, chosen))) {
            live.refused(user, cameraId, "more than " + OpenSockets.liveStreamsPerUser() + " live streams at once");
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many live streams"));
            return;
        }
        rate = MessageRate.start();
        session.setMaxIdleTimeout(0);
        stream = chosen;
        viewer = new Viewer(session);
        try {
            live.watch(watching, stream, viewer);
        } catch (RefusedRequestException e) {
            viewer = null; // never joined: nothing to leave when the socket closes
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.getMessage())); // audited by the service
            return;
        }
        live.viewed(user, cameraId, true);
    }

    /** The tile's width in device pixels as the page gave it ({@code w}); 0 when absent or not a sensible width. */
    static int tileWidth(List<String> given) {
        if (given == null || given.isEmpty() || !given.get(0).matches("\\d{1,5}")) {
            return 0;
        }
        int width = Integer.parseInt(given.get(0));
        return width <= 16_384 ? width : 0;
    }

    /**
     * The browser has nothing to say on this socket; a client that keeps sending anyway is cut
     * off ({@link MessageRate}).
     */
    @OnMessage(maxMessageSize = 1024)
    public void message(Session session, String text) {
        if (rate != null && !rate.take(System.nanoTime())) {
            CDI.current().select(LiveService.class).get().refused(user, cameraId, "over the message rate");
            CDI.current().select(OpenSockets.class).get().close(session, "message rate");
        }
    }

    @OnClose
    public void close(Session session) {
        CDI.current().select(OpenSockets.class).get().closed(session);
        if (viewer != null) {
            CDI.current().select(LiveHub.class).get().leave(stream, viewer);
            CDI.current().select(LiveService.class).get().viewed(user, cameraId, false);
            viewer = null;
        }
    }

    @OnError
    public void error(Session session, Throwable cause) {
        close(session);
    }

    /** Queues messages and sends them one at a time, asynchronously. */
    static final class Viewer implements LiveHub.Viewer {
        private final Session session;
        private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean sending = new AtomicBoolean();
        private volatile boolean waitForKey = true;

        Viewer(Session session) {
            this.session = session;
        }

        @Override
        public void start(String codec, byte[] init) {
            queue.clear();
            queued.set(0);
            waitForKey = true;
            enqueue("{\"codec\":\"" + codec + "\"}");
            enqueue(ByteBuffer.wrap(init));
        }

        /** The sub-stream this viewer watched stopped: the page reconnects and gets the main stream. */
        @Override
        public void ended() {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the camera's sub-stream stopped"));
            } catch (IOException | IllegalStateException e) {
                // already going away
            }
        }

        @Override
        public void fragment(byte[] fragment, boolean key) {
            if (key) {
                waitForKey = false;
            }
            if (waitForKey) {
                return;
            }
            if (queued.get() >= MAX_QUEUED) {
                // behind by seconds: drop what is queued (keeping the stream start) and resume at a keyframe
                queue.removeIf(m -> m instanceof ByteBuffer b && b.capacity() > 0 && !(b.hasArray() && isInit(b)));
                queued.set(queue.size());
                waitForKey = true;
                return;
            }
            enqueue(ByteBuffer.wrap(fragment));
        }

        private static boolean isInit(ByteBuffer b) {
            byte[] a = b.array();
            return a.length > 8 && a[4] == 'f' && a[5] == 't' && a[6] == 'y' && a[7] == 'p';
        }

        private void enqueue(Object message) {
            queue.add(message);
            queued.incrementAndGet();
            pump();
        }

        private void pump() {
            if (!session.isOpen() || !sending.compareAndSet(false, true)) {
                return;
            }
            Object next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (!queue.isEmpty()) {
                    pump();
                }
                return;
            }
            queued.decrementAndGet();
            SendHandler done = result -> {
                sending.set(false);
                if (result.isOK()) {
                    pump();
                }
            };
            if (next instanceof String text) {
                session.getAsyncRemote().sendText(text, done);
            } else {
                session.getAsyncRemote().sendBinary((ByteBuffer) next, done);
            }
        }
    }
}
