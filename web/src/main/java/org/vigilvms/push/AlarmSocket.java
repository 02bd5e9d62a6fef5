package org.vigilvms.push;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.vigilvms.alarm.AlarmPush;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.live.LiveTokens;
import org.vigilvms.platform.TokenBucket;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.Caller;

/**
 * {@code wss://.../alarms/socket?ticket=...}: alarms pushed to a console as they are raised,
 * acknowledged, closed or escalated, only for cameras its user may watch or play back. Opens only
 * with a ticket from {@code GET /api/v1/alarms/ticket} issued to this HTTP session; otherwise 1008.
 */
@ServerEndpoint(value = "/alarms/socket", configurator = LiveSocket.SessionBinding.class)
public class AlarmSocket {

    private AlarmPush.Subscriber subscriber;
    private TokenBucket rate;
    private String userName;

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        List<String> tickets = session.getRequestParameterMap().get("ticket");
        String ticket = tickets == null ? null : tickets.get(0);
        String httpSession = (String) config.getUserProperties().remove(LiveSocket.HTTP_SESSION_ID);
        Optional<String> user = CDI.current().select(LiveTokens.class).get().verify(ticket, LiveTokens.ALARM_CHANNEL, httpSession);
        AlarmPush push = CDI.current().select(AlarmPush.class).get();
        Caller caller = user.isPresent() ? push.claim(ticket) : null;
        if (caller == null || !caller.name().equals(user.get())) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "no valid alarm ticket"));
            return;
        }
        session.setMaxIdleTimeout(0);
        AccessControl access = CDI.current().select(AccessControl.class).get();
        CDI.current().select(OpenSockets.class).get().opened(session, httpSession, caller.name(), () -> !access.disabled(caller));
        rate = MessageRate.start();
        userName = caller.name();
        subscriber = new AlarmPush.Subscriber() {
            @Override
            public Caller caller() {
                return caller;
            }

            @Override
            public void send(String json) {
                synchronized (session) { // alarms are few; one message at a time per console
                    try {
                        if (session.isOpen()) {
                            session.getBasicRemote().sendText(json);
                        }
                    } catch (IOException | IllegalStateException e) {
                        // the console went away; its close callback unsubscribes it
                    }
                }
            }
        };
        push.subscribe(subscriber);
    }

    /** Consoles only listen here; one that keeps sending is cut off ({@link MessageRate}). */
    @OnMessage(maxMessageSize = 1024)
    public void message(Session session, String text) {
        if (rate != null && !rate.take(System.nanoTime())) {
            CDI.current().select(AuditLog.class).get().record(userName, "alarm.socket.refused", "alarms",
                    AuditEvent.Outcome.REJECTED, "over the message rate");
            CDI.current().select(OpenSockets.class).get().close(session, "message rate");
        }
    }

    @OnClose
    public void close(Session session) {
        CDI.current().select(OpenSockets.class).get().closed(session);
        if (subscriber != null) {
            CDI.current().select(AlarmPush.class).get().unsubscribe(subscriber);
            subscriber = null;
        }
    }

    @OnError
    public void error(Session session, Throwable cause) {
        close(session);
    }
}
