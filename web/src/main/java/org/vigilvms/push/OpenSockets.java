package org.vigilvms.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.vigilvms.security.SessionDirectory;

/**
 * The open live and alarm sockets with the HTTP session each was opened from and the question
 * that decides whether it may stay open. A socket closes (1008) when its session ends (sign-out,
 * timeout, an account disabled: at once, through {@link SessionEnd}), and at the check every
 * {@link #RECHECK_SECONDS} s when the session was ended from the session list or the question
 * says no (a right revoked, an account disabled).
 */
@ApplicationScoped
public class OpenSockets {

    static final long RECHECK_SECONDS = 10;

    private record Open(String httpSessionId, String user, boolean live, BooleanSupplier mayStayOpen) {
    }

    private final Map<Session, Open> open = new ConcurrentHashMap<>();

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> rechecks;

    /** Watches an alarm socket from now on; {@code mayStayOpen} is called off the socket's threads. */
    public void opened(Session socket, String httpSessionId, String user, BooleanSupplier mayStayOpen) {
        open.put(socket, new Open(httpSessionId, user, false, mayStayOpen));
        startRechecks();
    }

    /**
     * Watches a live socket from now on, unless its user already has
     * {@link #liveStreamsPerUser()} open (false: the caller closes it).
     */
    public synchronized boolean openedLive(Session socket, String httpSessionId, String user, BooleanSupplier mayStayOpen) {
        long already = open.values().stream().filter(o -> o.live() && o.user().equals(user)).count();
        if (already >= liveStreamsPerUser()) {
            return false;
        }
        open.put(socket, new Open(httpSessionId, user, true, mayStayOpen));
        startRechecks();
        return true;
    }

    /**
     * {@code vigil.live.streams.per.user}, 32 unless set: two 4x4 walls. Read at each opening,
     * so a change takes effect for the next stream.
     */
    static int liveStreamsPerUser() {
        return Integer.getInteger("vigil.live.streams.per.user", 32);
    }

    public void closed(Session socket) {
        open.remove(socket);
    }

    /** The HTTP session ended: every socket opened from it closes now. */
    void sessionEnded(String httpSessionId) {
        open.forEach((socket, o) -> {
            if (o.httpSessionId().equals(httpSessionId)) {
                close(socket, "session ended");
            }
        });
    }

    @Inject
    private SessionDirectory sessions;

    void recheck() {
        open.forEach((socket, o) -> {
            if (sessions.endedBy(o.httpSessionId()) != null) {
                close(socket, "session ended");
                return;
            }
            boolean stays;
            try {
                stays = o.mayStayOpen().getAsBoolean();
            } catch (RuntimeException e) {
                stays = false; // a check that cannot be made does not keep a stream open
            }
            if (!stays) {
                close(socket, "right withdrawn");
            }
        });
    }

    private synchronized void startRechecks() {
        if (rechecks == null) {
            rechecks = scheduler.scheduleWithFixedDelay(this::recheck, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Closes a socket (1008) and forgets it. */
    void close(Session socket, String why) {
        open.remove(socket);
        try {
            if (socket.isOpen()) {
                socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why));
            }
        } catch (IOException | IllegalStateException e) {
            // already going away
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (rechecks != null) {
            rechecks.cancel(false);
        }
    }
}
