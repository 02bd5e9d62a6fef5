package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;

/**
 * Every refused API request is audited (X.1453 IP-1): each 400 as {@code request.rejected} and
 * each 403 as {@code request.refused}, with the reason the caller was given, whichever part of
 * the API refused it (a validation in the EJB layer, a malformed body, a bad query parameter, the
 * container's own role check). Refusals the EJB layer audited itself with more detail
 * ({@code access.denied}) are marked {@link #AUDITED} and not recorded twice.
 */
@Provider
public class RefusalAudit implements ContainerResponseFilter {

    /** Request attribute: this refusal is in the audit trail already. */
    static final String AUDITED = "vigil.refusal.audited";

    @Inject
    private AuditLog audit;

    @Context
    private HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if ((status != 400 && status != 403) || servlet.getAttribute(AUDITED) != null) {
            return;
        }
        String who = servlet.getRemoteUser() == null ? servlet.getRemoteAddr() : servlet.getRemoteUser();
        String why = response.getEntity() instanceof Map<?, ?> body && body.get("error") != null
                ? String.valueOf(body.get("error")) : "HTTP " + status;
        audit.record(who, status == 400 ? "request.rejected" : "request.refused",
                request.getMethod() + " " + servlet.getRequestURI(), AuditEvent.Outcome.REJECTED, why);
    }
}
