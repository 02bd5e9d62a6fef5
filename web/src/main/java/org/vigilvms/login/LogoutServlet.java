package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.vigilvms.audit.AuditLog;

/**
 * {@code POST /logout}: signs out of the console and the API alike (they share the session).
 * The session ends on the server (not only the cookie), so a copied cookie is worthless after
 * it, and the session's live and alarm sockets close. Browsers go to the sign-in page; API
 * clients ({@code Accept: application/json}) get 204. POST only: a page cannot sign someone out
 * by embedding a link.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private AuditLog audit;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getRemoteUser();
        if (user != null) {
            SignOut.end(request, audit, user, "logout", null);
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            response.setStatus(204);
        } else {
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
        }
    }
}
