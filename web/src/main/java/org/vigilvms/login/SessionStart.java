package org.vigilvms.login;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.vigilvms.security.AccountService;
import org.vigilvms.security.LoginGuard;
import org.vigilvms.security.SessionDirectory;
import org.vigilvms.security.TotpService;

/**
 * The end of every sign-in, whichever way the user proved who they are (password, or a single
 * sign-on ticket): a new session id, the session listed in the directory, the success counted and
 * audited, then the page the account must see first (password change, TOTP enrolment, or the console).
 */
@Dependent
class SessionStart {

    @Inject
    private LoginGuard guard;

    @Inject
    private AccountService accounts;

    @Inject
    private TotpService totp;

    @Inject
    private SessionDirectory sessions;

    void enter(HttpServletRequest request, HttpServletResponse response, String username) throws IOException {
        request.getSession(true).setAttribute(SessionGate.SIGNED_IN_AT, Instant.now());
        request.changeSessionId();
        sessions.opened(request.getSession().getId(), username, request.getRemoteAddr(), request.getHeader("User-Agent"));
        guard.succeeded(username, request.getRemoteAddr());
        if (accounts.passwordChangeRequired()) {
            request.getSession().setAttribute(PasswordChangeGate.PENDING, Boolean.TRUE);
            response.sendRedirect(request.getContextPath() + "/account/password.xhtml");
            return;
        }
        if (totp.enrolmentRequiredForCaller()) {
            request.getSession().setAttribute(PasswordChangeGate.TOTP_PENDING, Boolean.TRUE);
            response.sendRedirect(request.getContextPath() + "/account/totp.xhtml");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/index.xhtml");
    }
}
