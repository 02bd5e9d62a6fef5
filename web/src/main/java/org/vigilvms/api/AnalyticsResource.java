package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.vigilvms.analytics.AnalyticsConfigService;
import org.vigilvms.analytics.AnalyticsEngine;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;

/**
 * {@code /api/v1/cameras/{id}/analytics}: a camera's analytics configuration (zones, privacy
 * masks, sensitivity, tamper detection); each PUT becomes a new signed version. MANAGE_CAMERAS is
 * checked by {@link AnalyticsConfigService}.
 */
@Path("/cameras/{id}/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    private AnalyticsConfigService configs;

    @GET
    public Response current(@PathParam("id") long cameraId) {
        AnalyticsConfiguration config = configs.current(cameraId);
        return config == null ? Response.status(404).entity(Map.of("error", "no analytics configuration")).build()
                : Response.ok(config).build();
    }

    /** Body: {enabled, sensitivity 1..100, tamper, zones: [{name, x, y, width, height}], masks: [...]}. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response configure(@PathParam("id") long cameraId, AnalyticsConfigService.Settings body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with enabled, sensitivity, tamper, zones and masks is required");
        }
        return Response.ok(configs.configure(cameraId, body)).build();
    }

    /** {@code POST /api/v1/analytics/republish}: every stored configuration to analytics again (after an analytics node restarted). */
    @Path("/analytics/republish")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Republish {

        @Inject
        private AnalyticsConfigService configs;

        @POST
        public Map<String, Integer> republish() {
            return Map.of("sent", configs.republish());
        }
    }

    /** {@code GET /api/v1/analytics/stats}: pictures analysed and packets dropped per camera since deployment. */
    @Path("/analytics/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Stats {

        @Inject
        private AnalyticsConfigService configs;

        @GET
        public List<AnalyticsEngine.CameraStats> stats() {
            return configs.stats();
        }
    }
}
