package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vigilvms.health.HealthReport;
import org.vigilvms.health.HealthService;

/**
 * {@code GET /api/v1/health}: 200 with the report when everything is UP, 503 otherwise, so load
 * balancers and monitoring can use the status code alone. Open without login; it names no secret.
 */
@Path("/health")
public class HealthResource {

    @Inject
    private HealthService health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport report = health.check();
        return Response.status(report.status() == HealthReport.Status.UP ? 200 : 503).entity(report).build();
    }
}
