package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.security.LoginGuard;
import org.vigilvms.security.SessionDirectory;

/**
 * Sessions end when they must, not only when they idle out (web.xml: 15 minutes): a session
 * whose account an administrator disabled, or that its owner or an administrator ended
 * ({@link SessionDirectory}), ends at its next request, and every session ends
 * {@link #absoluteLifetime()} after its sign-in however busy it is. Either way it is audited
 * ({@code session.ended}); pages lead to the sign-in page and back (Ajax requests too, see
 * {@link SignInAgain}), API calls get 401. The EJB layer
 * refuses a disabled account's rights on its own (AccessControl); this takes the session too.
 */
@WebFilter(urlPatterns = "/*")
public class SessionGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** When the session's user signed in (set by the login endpoint). */
    static final String SIGNED_IN_AT = "vigil.signedInAt";

    @Inject
    private LoginGuard guard;

    @Inject
    private AuditLog audit;

    @Inject
    private SessionDirectory sessions;

    /** {@code vigil.session.absolute.minutes}, 720 (12 hours, a long shift) unless set. */
    static Duration absoluteLifetime() {
        return Duration.ofMinutes(Long.getLong("vigil.session.absolute.minutes", 720));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        String user = request.getRemoteUser();
        if (session != null && user != null) {
            String why = null;
            Object since = session.getAttribute(SIGNED_IN_AT);
            if (guard.disabled(user)) {
                why = "account disabled";
            } else if (!sessions.seen(session.getId())) {
                why = "ended by " + sessions.endedBy(session.getId());
            } else if (since instanceof Instant signedIn && Instant.now().isAfter(signedIn.plus(absoluteLifetime()))) {
                why = "session older than " + absoluteLifetime().toMinutes() + " minutes";
            }
            if (why != null) {
                SignOut.end(request, audit, user, "session.ended", why);
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.startsWith("/api/")) {
                    response.setStatus(401);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"error\":\"session ended: " + why + "\"}");
                } else {
                    String query = request.getQueryString();
                    SignInAgain.send(request, response, path + (query == null ? "" : "?" + query));
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
