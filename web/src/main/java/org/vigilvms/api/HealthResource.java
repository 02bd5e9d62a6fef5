package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.vigilvms.health.HealthReport;
import org.vigilvms.health.HealthService;

/**
 * {@code GET /api/v1/health}: open without sign-in for load balancers and monitoring, so it says
 * only {@code {"status":"UP"}} (200) or {@code {"status":"DOWN"}} (503) and nothing about the
 * software, versions or disks behind it. {@code GET /api/v1/health/details}: the whole report
 * for a signed-in holder of MANAGE_CAMERAS (checked in the EJB layer).
 */
@Path("/health")
public class HealthResource {

    @Inject
    private HealthService health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport.Status status = health.check().status();
        return Response.status(status == HealthReport.Status.UP ? 200 : 503).entity(Map.of("status", status.name())).build();
    }

    @GET
    @Path("details")
    @Produces(MediaType.APPLICATION_JSON)
    public Response details() {
        HealthReport report = health.detailedReport();
        return Response.status(report.status() == HealthReport.Status.UP ? 200 : 503).entity(report).build();
    }
}
