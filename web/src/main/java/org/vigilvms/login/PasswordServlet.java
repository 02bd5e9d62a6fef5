package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccountService;

/** {@code POST /account/password}: the signed-in local user replaces their password (policy in {@link AccountService}). */
@WebServlet("/account/password")
public class PasswordServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private AccountService accounts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        if (next == null || !next.equals(request.getParameter("confirm"))) {
            back(request, response, "the two new passwords differ");
            return;
        }
        try {
            accounts.changePassword(request.getParameter("current"), next);
        } catch (InvalidRequestException e) {
            back(request, response, e.getMessage());
            return;
        }
        request.getSession().removeAttribute(PasswordChangeGate.PENDING);
        request.changeSessionId();
        response.sendRedirect(request.getContextPath() + "/index.xhtml");
    }

    private static void back(HttpServletRequest request, HttpServletResponse response, String problem) throws IOException {
        response.sendRedirect(request.getContextPath() + "/account/password.xhtml?problem="
                + URLEncoder.encode(problem, StandardCharsets.UTF_8));
    }
}
