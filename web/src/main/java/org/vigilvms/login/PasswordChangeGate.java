package org.vigilvms.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * While a session's user must replace a one-time password, every page leads to the password
 * page and every API call is refused (the EJB layer refuses their rights anyway; this keeps the
 * console coherent).
 */
@WebFilter(urlPatterns = "/*")
public class PasswordChangeGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String PENDING = "vigil.passwordChangePending";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(PENDING) == null) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/account/") || path.startsWith("/jakarta.faces.resource/") || path.equals("/login")
                || path.equals("/login.xhtml") || path.equals("/login-error.xhtml")) {
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/")) {
            response.setStatus(403);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"password change required\"}");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/account/password.xhtml");
    }
}
