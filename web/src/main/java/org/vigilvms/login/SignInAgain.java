package org.vigilvms.login;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A page's request without a session (it expired, or was ended) gets the sign-in page; a Faces
 * Ajax request (a search, a button on a page left open) cannot show a page, so it gets a
 * partial response that makes the browser load the sign-in page instead. Either way the page
 * the person was on rides along ({@code back}), and signing in leads back to it.
 */
@WebFilter(urlPatterns = "/login.xhtml", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class SignInAgain extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isAjax(request)) {
            send(request, response, pageAsked(request));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Sends the browser to sign in, then back to {@code back} (a path inside the application). */
    static void send(HttpServletRequest request, HttpServletResponse response, String back) throws IOException {
        String signIn = request.getContextPath() + "/login.xhtml?back=" + URLEncoder.encode(ReturnPage.of(back), StandardCharsets.UTF_8);
        if (isAjax(request)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + signIn.replace("&", "&amp;") + "\"/></partial-response>");
        } else {
            response.sendRedirect(signIn);
        }
    }

    /** The page the person asked for: the one the container set aside for the sign-in page, or {@code back}. */
    static String pageAsked(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        if (forwarded instanceof String uri && uri.startsWith(request.getContextPath())) {
            Object query = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
            return uri.substring(request.getContextPath().length()) + (query instanceof String q && !q.isEmpty() ? "?" + q : "");
        }
        return request.getParameter("back");
    }

    private static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }
}
