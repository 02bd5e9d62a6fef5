package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.vigilvms.approval.FourEyes;

/** {@code /api/v1/approvals}: sensitive actions waiting for a second person; rights checked by the owning services. */
@Path("/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    /** Why a request is rejected. */
    public record Decision(String comment) {
    }

    @Inject
    private FourEyes fourEyes;

    @GET
    public List<FourEyes.ApprovalView> pending() {
        return fourEyes.pending();
    }

    @POST
    @Path("/{id}/approve")
    public FourEyes.ApprovalView approve(@PathParam("id") UUID id) {
        return fourEyes.approve(id);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public FourEyes.ApprovalView reject(@PathParam("id") UUID id, Decision body) {
        return fourEyes.reject(id, body == null ? null : body.comment());
    }
}
