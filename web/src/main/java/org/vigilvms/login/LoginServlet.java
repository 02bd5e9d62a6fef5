package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.Optional;
import org.vigilvms.security.LoginGuard;
import org.vigilvms.security.PrincipalName;
import org.vigilvms.security.TotpService;

/**
 * {@code POST /login}: the only way to sign in. The login page posts here instead of to
 * {@code j_security_check} (which the server answers with 404, wildfly-config 65-login.cli), so
 * every attempt passes {@link LoginGuard}: locked or disabled accounts are refused before the
 * password is checked, wrong passwords are counted and slow the next answer, success gets a new
 * session (no fixation) and is audited. The name is first brought to its one canonical
 * spelling ({@link PrincipalName}: case, spaces, a directory DN), so Elytron, the guard and the
 * audit see one identity per person; addresses that sprayed passwords must wait first.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_NAME = 128;
    static final int MAX_PASSWORD = 256;
    /** The directory attribute holding user names (the setup tool's --ldap-user-attribute; 45-ldap.cli). */
    static final String USER_ATTRIBUTE = "vigil.ldap.user.attribute";

    @Inject
    private LoginGuard guard;

    @Inject
    private TotpService totp;

    @Inject
    private SessionStart start;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        String address = request.getRemoteAddr();
        if (username == null || password == null || username.isBlank() || username.length() > MAX_NAME
                || password.length() > MAX_PASSWORD || username.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            fail(request, response, "invalid");
            return;
        }
        Optional<String> canonical = PrincipalName.canonical(username, System.getProperty(USER_ATTRIBUTE, "uid"));
        if (canonical.isEmpty()) {
            if (guard.admit("?", address) == LoginGuard.Verdict.THROTTLED) {
                fail(request, response, "throttled");
                return;
            }
            guard.failedWithoutAccount(address);
            fail(request, response, "invalid");
            return;
        }
        username = canonical.get();
        String refused = SessionStart.refusal(guard.admit(username, address), "invalid");
        if (refused != null) {
            fail(request, response, refused);
            return;
        }
        SessionStart.dropOldSession(request);
        try {
            request.login(username, password);
        } catch (ServletException e) {
            boolean locked = guard.failed(username, address);
            fail(request, response, locked ? "locked" : "invalid");
            return;
        }
        if (totp.enabledForCaller() && !totp.check(request.getParameter("code"))) {
            // the password was right but the second factor was not: no session, counted as a failure
            SessionStart.undo(request);
            boolean locked = guard.failed(username, address);
            fail(request, response, locked ? "locked" : "code");
            return;
        }
        start.enter(request, response, username, request.getParameter("back"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/login.xhtml");
    }

    /** To the failure page, which keeps where the person was going for the next try. */
    private static void fail(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        response.sendRedirect("login-error.xhtml?reason=" + reason + "&back="
                + URLEncoder.encode(ReturnPage.of(request.getParameter("back")), StandardCharsets.UTF_8));
    }
}
