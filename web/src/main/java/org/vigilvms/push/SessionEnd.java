package org.vigilvms.push;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.vigilvms.security.SessionDirectory;

/** When an HTTP session ends, however it ends (sign-out, timeout, invalidated): its sockets close and the session list forgets it. */
@WebListener
public class SessionEnd implements HttpSessionListener {

    @Inject
    private OpenSockets sockets;

    @Inject
    private SessionDirectory sessions;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.closed(event.getSession().getId());
        sockets.sessionEnded(event.getSession().getId());
    }
}
