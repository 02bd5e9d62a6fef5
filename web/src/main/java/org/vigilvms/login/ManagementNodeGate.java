package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.vigilvms.platform.NodeName;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * The console and the API belong to the management server: on a node without that role (a
 * recorder or analytics node, {@code vigil.role.management=false}) every request but the health
 * endpoint is answered 421 (Misdirected Request) with the node's roles, so nobody signs in or
 * changes anything on a node that does not run the services behind the pages.
 */
@WebFilter(urlPatterns = "/*")
public class ManagementNodeGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final int MISDIRECTED_REQUEST = 421;

    @Inject
    private NodeRoles roles;

    @Inject
    private NodeName node;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (roles.has(NodeRole.MANAGEMENT)
                || "/api/v1/health".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(MISDIRECTED_REQUEST);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("This Vigil node (" + node + ") runs the roles " + roles
                + ": the console and the API are on the management node.\n").getBytes(StandardCharsets.UTF_8));
    }
}
