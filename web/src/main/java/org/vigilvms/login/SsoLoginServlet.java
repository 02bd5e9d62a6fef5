package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.vigilvms.security.LoginGuard;
import org.vigilvms.security.SingleSignOn;
import org.vigilvms.security.TotpService;

/**
 * {@code GET /login/sso}: the console's end of a single sign-on. The SSO module ({@code /sso})
 * leaves a one-time ticket in a cookie only this path receives; this signs in with it through
 * Elytron ({@code request.login}, checked by the realm {@code vigil-sso-realm}), so the same
 * guards as a password sign-in apply (throttled address, locked or disabled account), the
 * session is new and the ticket is used up. An account that proves a second factor at Vigil's own
 * sign-in must sign in there: the provider's sign-in does not stand in for Vigil's code.
 */
@WebServlet(SingleSignOn.CONSOLE_PATH)
public class SsoLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    @Inject
    private SingleSignOn sso;

    @Inject
    private LoginGuard guard;

    @Inject
    private TotpService totp;

    @Inject
    private SessionStart start;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String ticket = takeTicket(request, response);
        String address = request.getRemoteAddr();
        Optional<String> account = sso.accountOf(ticket);
        if (account.isEmpty()) {
            sso.refused("?", address, ticket == null ? "no ticket" : "an unknown, expired or used ticket");
            fail(request, response, "sso");
            return;
        }
        String username = account.get();
        String refused = SessionStart.refusal(guard.admit(username, address), "sso"); // the guard audits its refusals
        if (refused != null) {
            fail(request, response, refused);
            return;
        }
        SessionStart.dropOldSession(request);
        try {
            request.login(username, ticket);
        } catch (ServletException e) {
            sso.refused(username, address, "the ticket did not authenticate the account");
            fail(request, response, "sso");
            return;
        }
        if (!sso.consume(username, ticket)) {
            SessionStart.undo(request);
            sso.refused(username, address, "the ticket was used already");
            fail(request, response, "sso");
            return;
        }
        if (totp.enabledForCaller()) {
            SessionStart.undo(request);
            sso.refused(username, address, "the account proves a second factor at Vigil's own sign-in");
            fail(request, response, "sso-code");
            return;
        }
        start.enter(request, response, username, null);
    }

    /** The ticket from its cookie, which is cleared at once: a ticket is tried once. */
    private static String takeTicket(HttpServletRequest request, HttpServletResponse response) {
        String ticket = null;
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (SingleSignOn.TICKET_COOKIE.equals(cookie.getName())) {
                    ticket = cookie.getValue();
                }
            }
        }
        Cookie clear = new Cookie(SingleSignOn.TICKET_COOKIE, "");
        clear.setPath(request.getContextPath() + SingleSignOn.CONSOLE_PATH);
        clear.setSecure(true);
        clear.setHttpOnly(true);
        clear.setMaxAge(0);
        response.addCookie(clear);
        response.setHeader("Cache-Control", "no-store");
        return ticket;
    }

    private static void fail(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        response.sendRedirect(request.getContextPath() + "/login-error.xhtml?reason=" + reason);
    }
}
