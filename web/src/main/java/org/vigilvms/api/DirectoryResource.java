package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.vigilvms.directory.DirectoryService;

/** {@code /api/v1/directory}: directory users and groups, a user's effective rights; MANAGE_USERS checked by the service. */
@Path("/directory")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    @Inject
    private DirectoryService directory;

    @GET
    @Path("/users")
    public List<DirectoryService.DirectoryUser> users(@QueryParam("q") String query) {
        return directory.users(query);
    }

    @GET
    @Path("/groups")
    public List<DirectoryService.DirectoryGroup> groups(@QueryParam("q") String query) {
        return directory.groups(query);
    }

    @GET
    @Path("/users/{id}/rights")
    public DirectoryService.UserRights rights(@PathParam("id") String id) {
        return directory.rightsOf(id);
    }
}
