package org.vigilvms.login;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;

/** Ends the caller's session on this request, whatever the reason, and audits it: one place for every way a session ends early. */
final class SignOut {

    private SignOut() {
    }

    /**
     * @param action {@code logout} (the user asked) or {@code session.ended} (the server ended it)
     */
    static void end(HttpServletRequest request, AuditLog audit, String user, String action, String why) {
        audit.record(user, action, "user:" + user, action.equals("logout") ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.REJECTED,
                (why == null ? "" : why + "; ") + "from " + request.getRemoteAddr());
        try {
            request.logout();
        } catch (ServletException e) {
            // the session below is what holds the identity; invalidating it is enough
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate(); // its live and alarm sockets close with it (SessionEnd)
        }
    }
}
