package org.vigilvms.login;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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

    /**
     * The sign-in error page's reason for the guard's verdict on an attempt, or null when the
     * attempt may go on; {@code disabled} is what a disabled account is told (no more than a
     * wrong password would tell it).
     */
    static String refusal(LoginGuard.Verdict verdict, String disabled) {
        return switch (verdict) {
            case THROTTLED -> "throttled";
            case LOCKED -> "locked";
            case DISABLED -> disabled;
            default -> null;
        };
    }

    /** Ends any session the browser brought: the new identity gets a fresh one (no session fixation). */
    static void dropOldSession(HttpServletRequest request) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
    }

    /** Undoes a sign-in that Elytron accepted but Vigil does not: no identity, no session. */
    static void undo(HttpServletRequest request) {
        try {
            request.logout();
        } catch (ServletException e) {
            // nothing more to undo
        }
        dropOldSession(request);
    }

    /** Opens the signed-in session and sends the person on: to the first password or second factor if due, else to {@code back}. */
    void enter(HttpServletRequest request, HttpServletResponse response, String username, String back) throws IOException {
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
        response.sendRedirect(request.getContextPath() + ReturnPage.of(back));
    }
}
