package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vigilvms.backup.BackupFile;
import org.vigilvms.backup.BackupService;

/**
 * {@code /api/v1/backups}: a backup of the installation taken now, downloaded, then deleted from
 * the server; a local administrator with their password again.
 */
@Path("/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {

    /** The caller's current password and the password that will encrypt the backup. */
    public record BackupRequest(String password, String backupPassword) {
    }

    @Inject
    private BackupService backups;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(BackupRequest body) {
        BackupFile written = backups.create(body == null ? null : body.password(),
                body == null || body.backupPassword() == null ? new char[0] : body.backupPassword().toCharArray());
        return Response.status(Response.Status.CREATED).entity(written).build();
    }

    @GET
    @Path("{id}/file")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response file(@PathParam("id") String id) {
        java.nio.file.Path file = backups.file(id);
        return Response.ok(file.toFile()).header("Content-Disposition", "attachment; filename=\"vigil-" + id + ".vigil-backup\"")
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        backups.delete(id);
        return Response.noContent().build();
    }
}
