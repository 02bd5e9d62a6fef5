package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.vigilvms.login.ReturnPage;
import org.vigilvms.preference.PreferenceService;
import org.vigilvms.preference.UserPreference;

/**
 * {@code POST /account/theme} (theme=DARK|LIGHT, back=the page): keeps the signed-in person's
 * choice and returns to the page they were on, a console page of this origin only.
 */
@WebServlet("/account/theme")
public class ThemeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private PreferenceService preferences;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UserPreference.Theme theme;
        try {
            theme = UserPreference.Theme.valueOf(String.valueOf(request.getParameter("theme")));
        } catch (IllegalArgumentException e) {
            response.sendError(400, "theme is DARK or LIGHT");
            return;
        }
        preferences.chooseTheme(theme);
        response.sendRedirect(request.getContextPath() + ReturnPage.of(request.getParameter("back")));
    }
}
