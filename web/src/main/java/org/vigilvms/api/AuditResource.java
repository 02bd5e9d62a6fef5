package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.vigilvms.audit.trail.AuditService;
import org.vigilvms.platform.AnchoredHead;

/** {@code /api/v1/audit}: search the audit trail and verify its chain (READ_AUDIT). */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    private AuditService audit;

    @GET
    public Response search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("limit") @DefaultValue("100") int limit) {
        try {
            return Response.ok(audit.search(actor, action, from == null ? null : Instant.parse(from),
                    to == null ? null : Instant.parse(to), limit)).build();
        } catch (DateTimeParseException e) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants");
        }
    }

    /**
     * What matches ?actor= ?action= ?target= ?from= ?to= as CSV (newest first, at most
     * {@link AuditService#MOST_EXPORTED} rows), for a spreadsheet; audited.
     */
    @GET
    @Path("/csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("target") String target,
                        @QueryParam("from") String from, @QueryParam("to") String to) {
        try {
            AuditService.Filter filter = new AuditService.Filter(blankless(actor), blankless(action), blankless(target),
                    from == null || from.isBlank() ? null : Instant.parse(from), to == null || to.isBlank() ? null : Instant.parse(to));
            return Response.ok(audit.csv(filter)).type("text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"vigil-audit.csv\"").header("Cache-Control", "no-store").build();
        } catch (DateTimeParseException e) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants");
        }
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Walks the sealed audit chain; against the newest audit head the SIEM kept too, when
     * ?anchorSeq=&anchorHash=(hex)&anchorSignedAt=&anchorSignature=(Base64) are given.
     */
    @GET
    @Path("/verify")
    public Response verify(@QueryParam("anchorSeq") Long anchorSeq, @QueryParam("anchorHash") String anchorHash,
                           @QueryParam("anchorSignedAt") String anchorSignedAt, @QueryParam("anchorSignature") String anchorSignature) {
        AnchoredHead anchor;
        try {
            anchor = AnchorParameters.parse(anchorSeq, anchorHash, anchorSignedAt, anchorSignature);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
        return Response.ok(audit.verify(anchor)).build();
    }
}
