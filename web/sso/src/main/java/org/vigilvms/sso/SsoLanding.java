package org.vigilvms.sso;

import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.vigilvms.security.SingleSignOn;
import org.wildfly.security.http.oidc.IDToken;
import org.wildfly.security.http.oidc.OidcPrincipal;

/**
 * Where the OpenID provider sends the user back. By the time this runs, WildFly's Elytron OIDC
 * client has exchanged the code and checked the ID token; this takes its {@code preferred_username}
 * and {@code groups}, asks {@link SingleSignOn} for a one-time ticket, forgets its own session and
 * sends the browser to the console's {@code /login/sso} with the ticket in a cookie only that
 * path receives (never in a URL, where logs and history would keep it).
 */
@WebServlet("/*")
public class SsoLanding extends HttpServlet {

    private static final long serialVersionUID = 1L;
    @EJB
    private SingleSignOn sso;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        Optional<String> ticket = Optional.empty();
        if (principal instanceof OidcPrincipal<?> oidc) {
            IDToken token = oidc.getOidcSecurityContext().getIDToken();
            List<String> groups = token.hasClaim("groups") ? token.getStringListClaimValue("groups") : null;
            ticket = sso.admit(token.getPreferredUsername(), groups, request.getRemoteAddr());
        }
        forget(request);
        if (ticket.isEmpty()) {
            response.sendRedirect("/login-error.xhtml?reason=sso");
            return;
        }
        Cookie cookie = new Cookie(SingleSignOn.TICKET_COOKIE, ticket.get());
        cookie.setPath(SingleSignOn.CONSOLE_PATH);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        cookie.setMaxAge(60);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(SingleSignOn.CONSOLE_PATH);
    }

    /** This module keeps no one signed in: the console's session is the only one. */
    private static void forget(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            // nothing was signed in here
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
