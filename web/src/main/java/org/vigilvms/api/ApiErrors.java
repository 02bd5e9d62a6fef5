package org.vigilvms.api;

import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.vigilvms.approval.ApprovalRequiredException;
import org.vigilvms.camera.PtzArbiter;
import org.vigilvms.camera.UntrustedCameraCertificateException;
import org.vigilvms.camera.onvif.OnvifException;
import org.vigilvms.directory.DirectoryUnavailableException;
import org.vigilvms.export.InvalidExportException;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessDeniedException;

/** Clear 4xx answers for refused requests; never a stack trace. */
public final class ApiErrors {

    private ApiErrors() {
    }

    static Response badRequest(String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    /** Invalid input: 400 with the reason (nothing was stored: the EJB rolled back); audited by {@link RefusalAudit}. */
    @Provider
    public static class InvalidCamera implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return badRequest(e.getMessage());
        }
    }

    /**
     * A camera's certificate was refused (nothing was sent to it): 400 with the fingerprint it
     * presented, for the administrator to compare and approve. The camera service audited it.
     */
    @Provider
    public static class UntrustedCameraCertificate implements ExceptionMapper<UntrustedCameraCertificateException> {
        @Context
        private HttpServletRequest request;

        @Override
        public Response toResponse(UntrustedCameraCertificateException e) {
            request.setAttribute(RefusalAudit.AUDITED, Boolean.TRUE);
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", e.getMessage(), "presentedCertificateSha256", e.presentedSha256())).build();
        }
    }

    /** An export request that cannot be accepted: 400 with the reason; audited by {@link RefusalAudit}. */
    @Provider
    public static class InvalidExport implements ExceptionMapper<InvalidExportException> {
        @Override
        public Response toResponse(InvalidExportException e) {
            return badRequest(e.getMessage());
        }
    }

    /** The camera did not answer as ONVIF should: 502 with the reason. */
    @Provider
    public static class OnvifFailed implements ExceptionMapper<OnvifException> {
        @Override
        public Response toResponse(OnvifException e) {
            return Response.status(502).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /** Four eyes: the action waits for a second person (202, with the request to decide on). */
    @Provider
    public static class ApprovalRequired implements ExceptionMapper<ApprovalRequiredException> {
        @Override
        public Response toResponse(ApprovalRequiredException e) {
            return Response.status(202).type(MediaType.APPLICATION_JSON).entity(Map.of("approval", e.approvalId().toString(),
                    "state", "PENDING", "message", e.getMessage())).build();
        }
    }

    /** The directory could not be reached: 503 with what happened. */
    @Provider
    public static class DirectoryUnavailable implements ExceptionMapper<DirectoryUnavailableException> {
        @Override
        public Response toResponse(DirectoryUnavailableException e) {
            return Response.status(503).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /** The EJB layer refused the caller: 403. */
    @Provider
    public static class AccessDenied implements ExceptionMapper<EJBAccessException> {
        @Override
        public Response toResponse(EJBAccessException e) {
            return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "not allowed")).build();
        }
    }

    /** A right is missing (checked in the EJB layer, already audited there): 403 with what was refused. */
    @Provider
    public static class RightMissing implements ExceptionMapper<AccessDeniedException> {
        @Context
        private HttpServletRequest request;

        @Override
        public Response toResponse(AccessDeniedException e) {
            request.setAttribute(RefusalAudit.AUDITED, Boolean.TRUE);
            return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /** Another operator with a higher or equal priority steers the camera: 409. */
    @Provider
    public static class PtzBusy implements ExceptionMapper<PtzArbiter.PtzBusyException> {
        @Override
        public Response toResponse(PtzArbiter.PtzBusyException e) {
            return Response.status(409).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /**
     * Anything else: 500 with an incident id and nothing about the inside (no SQL, no stack
     * trace); the details go to the server log under that id.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        private static final Logger LOG = Logger.getLogger(ApiErrors.class);

        @Override
        public Response toResponse(Exception e) {
            String refusal = ownRefusal(e);
            if (refusal != null) {
                return badRequest(refusal); // a body whose values our own records refuse (a region outside the picture)
            }
            if (e instanceof WebApplicationException web) {
                Response r = web.getResponse();
                return Response.status(r.getStatus()).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("error", r.getStatusInfo().getReasonPhrase())).build();
            }
            if (e instanceof ProcessingException) {
                return badRequest("Bad Request"); // a body that is not what the call reads (malformed JSON): the caller's fault
            }
            String incident = UUID.randomUUID().toString();
            LOG.errorf(e, "REST request failed, incident %s", incident);
            return Response.status(500).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "internal error", "incident", incident)).build();
        }

        /**
         * The message of an IllegalArgumentException thrown by Vigil's own code while the body was
         * read (a record refusing its values), else null: other causes may name library internals.
         */
        private static String ownRefusal(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                        && t.getStackTrace()[0].getClassName().startsWith("org.vigilvms.") && t.getMessage() != null) {
                    return t.getMessage();
                }
            }
            return null;
        }
    }
}
