package org.vigilvms.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The sign-in pages' memory of where the person was going: carried through the form to {@link LoginServlet}. */
@Named
@RequestScoped
public class SignInReturn {

    @Inject
    private HttpServletRequest request;

    /** The console page to go back to after signing in (a path inside the application; home if none was asked for). */
    public String getPage() {
        return ReturnPage.of(SignInAgain.pageAsked(request));
    }

    /** {@link #getPage()} as a query parameter's value. */
    public String getPageEncoded() {
        return URLEncoder.encode(getPage(), StandardCharsets.UTF_8);
    }
}
