package org.vigilvms.it.probe;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.vigilvms.playback.PlaybackService;

/**
 * Test-only: deployed by DirectEjbCallIT beside the EAR, it calls the playback EJB directly —
 * no console, no REST resource in between — as the user named in the request (authenticated
 * against Vigil's own security domain), and answers "allowed N" or "refused: reason".
 */
@WebServlet("/call")
public class DirectEjbCallServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String user = request.getParameter("user");
        if (user != null) {
            request.login(user, request.getParameter("password"));
        }
        try {
            PlaybackService playback = (PlaybackService) new InitialContext()
                    .lookup("java:global/vigil/vigil-ejb/PlaybackService!org.vigilvms.playback.PlaybackService");
            long camera = Long.parseLong(request.getParameter("camera"));
            int segments = playback.recordings(camera, Instant.now().minusSeconds(3600), Instant.now()).segments().size();
            response.getWriter().print("allowed " + segments);
        } catch (NamingException e) {
            throw new ServletException(e);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !cause.getClass().getName().endsWith("AccessDeniedException")) {
                cause = cause.getCause();
            }
            response.getWriter().print("refused: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } finally {
            if (user != null) {
                request.logout();
            }
        }
    }
}
