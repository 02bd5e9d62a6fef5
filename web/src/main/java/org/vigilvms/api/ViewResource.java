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
import java.net.URI;
import java.util.List;
import org.vigilvms.view.ViewService;

/** {@code /api/v1/views}: the caller's saved live views and those shared with their groups (layout and camera per tile). */
@Path("/views")
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    /**
     * A view to save: name, tiles per side (1-4), camera id per tile (0 or null: empty), and the
     * directory group of the caller's to share it with (absent or null: private).
     */
    public record ViewRequest(String name, int layout, List<Long> cameras, String sharedWith) {
    }

    @Inject
    private ViewService views;

    @GET
    public List<ViewService.ViewSummary> mine() {
        return views.mine();
    }

    /** Saves a view; one of the same name is replaced. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(ViewRequest body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with name, layout and cameras is required");
        }
        ViewService.ViewSummary saved = views.save(body.name(), body.layout(), body.cameras(), body.sharedWith());
        return Response.created(URI.create("/api/v1/views/" + saved.id())).entity(saved).build();
    }

    @GET
    @Path("/{id}")
    public ViewService.ViewLayout open(@PathParam("id") long id) {
        return views.open(id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        views.delete(id);
        return Response.noContent().build();
    }
}
