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
 * While a session's user must replace a one-time password (or, when required, enrol a second
 * factor), every page leads to the password (or enrolment) page and every other API call is
 * refused (the EJB layer refuses their rights anyway; this keeps the console coherent).
 */
@WebFilter(urlPatterns = "/*")
public class PasswordChangeGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String PENDING = "vigil.passwordChangePending";
    /** Set at sign-in when a second factor is required ({@code vigil.totp.required}) and not enrolled yet. */
    public static final String TOTP_PENDING = "vigil.totpEnrolmentPending";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        boolean password = session != null && session.getAttribute(PENDING) != null;
        boolean totp = session != null && session.getAttribute(TOTP_PENDING) != null;
        if (!password && !totp) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/account/") || path.startsWith("/jakarta.faces.resource/") || path.equals("/login") || path.equals("/login/sso")
                || path.equals("/login.xhtml") || path.equals("/login-error.xhtml")
                || (!password && path.startsWith("/api/v1/account/"))) {
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/")) {
            response.setStatus(403);
            response.setContentType("application/json");
            response.getWriter().write(password ? "{\"error\":\"password change required\"}"
                    : "{\"error\":\"second factor enrolment required: POST /api/v1/account/totp, then /api/v1/account/totp/confirm\"}");
            return;
        }
        response.sendRedirect(request.getContextPath() + (password ? "/account/password.xhtml" : "/account/totp.xhtml"));
    }
}
