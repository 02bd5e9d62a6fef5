package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vigilvms.export.ExportJobView;
import org.vigilvms.export.ExportRequest;
import org.vigilvms.export.ExportService;
import org.vigilvms.export.InvalidExportException;

/**
 * {@code /api/v1/exports}: ask for an evidence export, follow it, approve one (four eyes) and
 * download the signed package. Every right is checked by {@link ExportService}, not here.
 */
@Path("/exports")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    @Inject
    private ExportService exports;

    /** Body: {cameras: [ids], from, to, reason, caseNumber?, password?}; answers 202 with the job. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(ExportRequest body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with cameras, from, to and reason is required");
        }
        ExportJobView job = exports.request(body);
        return Response.accepted(job).location(URI.create("/api/v1/exports/" + job.id())).build();
    }

    @GET
    public List<ExportJobView> mine() {
        return exports.mine();
    }

    @GET
    @Path("awaiting-approval")
    public List<ExportJobView> awaitingApproval() {
        return exports.awaitingMyApproval();
    }

    @GET
    @Path("{id}")
    public ExportJobView job(@PathParam("id") String id) {
        return exports.job(uuid(id));
    }

    @POST
    @Path("{id}/approve")
    public ExportJobView approve(@PathParam("id") String id) {
        return exports.approve(uuid(id));
    }

    /** Body (optional): {reason}. */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ExportJobView reject(@PathParam("id") String id, Map<String, String> body) {
        return exports.reject(uuid(id), body == null ? null : body.get("reason"));
    }

    @GET
    @Path("{id}/file")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response file(@PathParam("id") String id) {
        java.nio.file.Path file = exports.download(uuid(id));
        return Response.ok(file.toFile()).type(file.getFileName().toString().endsWith(".zip") ? "application/zip"
                        : "application/pkcs7-mime")
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    /** The certificate an investigator verifies exports with (the installation's CA). */
    @GET
    @Path("issuer-certificate")
    @Produces("application/x-pem-file")
    public Response issuer() {
        return Response.ok(exports.issuerCertificatePem())
                .header("Content-Disposition", "attachment; filename=\"vigil-issuer.pem\"").build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidExportException("not an export id: " + id);
        }
    }
}
