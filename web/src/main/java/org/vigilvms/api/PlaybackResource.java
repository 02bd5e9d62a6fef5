package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.vigilvms.playback.PlaybackService;
import org.vigilvms.playback.Recordings;

/**
 * {@code /api/v1/cameras/{id}/recordings}: the timeline of a time range and its stored segments
 * (fragmented MP4, decrypted on the server); PLAYBACK is checked by {@link PlaybackService}.
 */
@Path("/cameras/{id}/recordings")
public class PlaybackResource {

    @Inject
    private PlaybackService playback;

    /** Spans and segments between ?from= and ?to= (ISO-8601 instants). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response recordings(@PathParam("id") long cameraId, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start;
        Instant end;
        try {
            start = Instant.parse(from == null ? "" : from);
            end = Instant.parse(to == null ? "" : to);
        } catch (DateTimeParseException e) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants, e.g. 2026-11-26T10:00:00Z");
        }
        Recordings recordings = playback.recordings(cameraId, start, end);
        return Response.ok(recordings).build();
    }

    @GET
    @Path("/segments/{seq}")
    @Produces("video/mp4")
    public Response segment(@PathParam("id") long cameraId, @PathParam("seq") long chainSeq, @QueryParam("plays") String plays) {
        // plays: the codecs the client plays (h264,h265); absent: the segment as recorded
        boolean playsHevc = plays == null || Arrays.asList(plays.split(",")).contains("h265");
        return Response.ok(playback.segment(cameraId, chainSeq, playsHevc)).header("Cache-Control", "no-store").build();
    }
}
