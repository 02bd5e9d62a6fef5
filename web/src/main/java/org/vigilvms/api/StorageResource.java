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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.storage.EvidenceLock;
import org.vigilvms.storage.RetentionService;
import org.vigilvms.storage.StorageVolume;
import org.vigilvms.storage.StorageVolumes;

/** Evidence locks and running retention; rights are checked by {@link RetentionService}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StorageResource {

    /** Body of a new evidence lock. */
    public record NewLock(long cameraId, Instant from, Instant to, String reason) {
    }

    @Inject
    private RetentionService retention;

    @POST
    @Path("evidence-locks")
    public Response lock(NewLock body) {
        if (body == null) {
            return ApiErrors.badRequest("cameraId, from, to and reason are required");
        }
        EvidenceLock lock = retention.lock(body.cameraId(), body.from(), body.to(), body.reason());
        return Response.created(URI.create("/api/v1/evidence-locks/" + lock.getId())).entity(Map.of("id", lock.getId())).build();
    }

    /** Active evidence locks on the cameras the caller may lock and release. */
    @GET
    @Path("evidence-locks")
    public List<RetentionService.LockView> locks() {
        return retention.activeLocks();
    }

    @POST
    @Path("evidence-locks/{id}/release")
    public Response release(@PathParam("id") long id) {
        retention.release(id);
        return Response.noContent().build();
    }

    /** Recordings to delete before retention would: whole segments inside the range, never under an evidence lock. */
    public record Deletion(long cameraId, Instant from, Instant to, String reason) {
    }

    @POST
    @Path("recordings/deletions")
    public Map<String, Integer> delete(Deletion body) {
        if (body == null) {
            throw new InvalidRequestException("cameraId, from, to and reason are required");
        }
        return Map.of("deleted", retention.deleteRange(body.cameraId(), body.from(), body.to(), body.reason()));
    }

    @POST
    @Path("storage/retention/run")
    public Map<String, Integer> runRetention() {
        return Map.of("retired", retention.runNow());
    }

    @Inject
    private StorageVolumes volumes;

    /** A volume to add: {name, path, quotaBytes?}; or a change: {quotaBytes?, state?: ACTIVE|DISABLED}. */
    public record VolumeRequest(String name, String path, Long quotaBytes, StorageVolume.State state) {
    }

    @GET
    @Path("storage/volumes")
    public List<StorageVolumes.VolumeView> volumes() {
        return volumes.list();
    }

    @POST
    @Path("storage/volumes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addVolume(VolumeRequest body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with name and path is required");
        }
        return Response.status(201).entity(volumes.add(body.name(), body.path(), body.quotaBytes())).build();
    }

    @POST
    @Path("storage/volumes/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public StorageVolumes.VolumeView updateVolume(@PathParam("id") long id, VolumeRequest body) {
        return volumes.update(id, body == null ? null : body.quotaBytes(), body == null ? null : body.state());
    }
}
