package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.vigilvms.playback.SnapshotService;

/**
 * {@code /api/v1/cameras/{id}/snapshot}: a JPEG of the live picture (VIEW_LIVE), or with
 * {@code ?at=} of the frame recorded then (PLAYBACK); rights checked by {@link SnapshotService}.
 * The frame's instant is in {@code X-Vigil-Frame-Time} and in the file name.
 */
@Path("/cameras/{id}/snapshot")
public class SnapshotResource {

    @Inject
    private SnapshotService snapshots;

    @GET
    @Produces("image/jpeg")
    public Response snapshot(@PathParam("id") long cameraId, @QueryParam("at") String at) {
        SnapshotService.Snapshot snapshot;
        if (at == null || at.isBlank()) {
            snapshot = snapshots.live(cameraId);
        } else {
            Instant instant;
            try {
                instant = Instant.parse(at);
            } catch (DateTimeParseException e) {
                return ApiErrors.badRequest("at must be an ISO-8601 instant, e.g. 2026-11-26T10:00:00.250Z");
            }
            snapshot = snapshots.recorded(cameraId, instant);
        }
        String name = "camera-" + cameraId + "-" + snapshot.at().toString().replace(":", "") + ".jpg";
        return Response.ok(snapshot.jpeg(), "image/jpeg")
                .header("X-Vigil-Frame-Time", snapshot.at().toString())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
