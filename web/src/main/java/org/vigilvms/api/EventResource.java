package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.vigilvms.analytics.RecordedMotionSearch;
import org.vigilvms.event.EventService;
import org.vigilvms.jms.analytics.Region;

/**
 * {@code /api/v1/cameras/{id}/events}: a camera's analytics events by time, type and zone, and
 * ({@code .../events/motion}) motion search in a region; PLAYBACK is checked by {@link EventService}.
 */
@Path("/cameras/{id}/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    private EventService events;

    @GET
    public Response events(@PathParam("id") long cameraId, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("type") String type, @QueryParam("zone") String zone) {
        Instant[] range = range(from, to);
        if (range == null) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants, e.g. 2026-11-26T10:00:00Z");
        }
        return Response.ok(events.search(cameraId, range[0], range[1], blank(type), blank(zone))).build();
    }

    /** Motion search: motion inside the region x, y, w, h (fractions of the picture) between from and to. */
    @GET
    @Path("motion")
    public Response motion(@PathParam("id") long cameraId, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("x") double x, @QueryParam("y") double y, @QueryParam("w") double w,
                           @QueryParam("h") double h) {
        Instant[] range = range(from, to);
        if (range == null) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants, e.g. 2026-11-26T10:00:00Z");
        }
        Region region;
        try {
            region = new Region("search", x, y, w, h);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest("x, y, w, h must describe a region inside the picture (fractions 0..1)");
        }
        return Response.ok(events.motionIn(cameraId, range[0], range[1], region)).build();
    }

    @Inject
    private RecordedMotionSearch recorded;

    /**
     * Motion search in the recordings themselves (no analytics needed when they were recorded):
     * spans with motion inside the region x, y, w, h between from and to (at most an hour).
     */
    @GET
    @Path("recorded-motion")
    public Response recordedMotion(@PathParam("id") long cameraId, @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("x") double x, @QueryParam("y") double y, @QueryParam("w") double w,
                                   @QueryParam("h") double h, @QueryParam("sensitivity") @DefaultValue("60") int sensitivity) {
        Instant[] range = range(from, to);
        if (range == null) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants, e.g. 2026-11-26T10:00:00Z");
        }
        Region region;
        try {
            region = new Region("search", x, y, w, h);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest("x, y, w, h must describe a region inside the picture (fractions 0..1)");
        }
        return Response.ok(recorded.search(cameraId, range[0], range[1], region, sensitivity)).build();
    }

    private static Instant[] range(String from, String to) {
        try {
            return new Instant[] {Instant.parse(from == null ? "" : from), Instant.parse(to == null ? "" : to)};
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
