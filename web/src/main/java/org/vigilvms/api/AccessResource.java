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
import org.vigilvms.rights.GrantService;
import org.vigilvms.security.LoginGuard;
import org.vigilvms.security.SessionDirectory;

/** {@code /api/v1/access}: rights granted to users, LDAP groups and local roles; one's own rights; disabling accounts. */
@Path("/access")
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {

    @Inject
    private GrantService grants;

    @Inject
    private LoginGuard accounts;

    @Inject
    private SessionDirectory sessions;

    @GET
    @Path("/grants")
    public List<GrantService.GrantView> list() {
        return grants.list();
    }

    @POST
    @Path("/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(GrantService.GrantView request) {
        GrantService.GrantView created = grants.grant(request);
        return Response.created(URI.create("/api/v1/access/grants/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("/grants/{id}")
    public Response revoke(@PathParam("id") long id) {
        grants.revoke(id);
        return Response.noContent().build();
    }

    /** The signed-in user's effective rights, each with its source. */
    @GET
    @Path("/me")
    public List<GrantService.EffectiveRight> mine() {
        return grants.mine();
    }

    /**
     * Disables an account in Vigil (local or LDAP; any spelling of its name): it can no longer
     * sign in, its rights are gone at once and its open sessions and live streams end.
     */
    @POST
    @Path("/accounts/{name}/disable")
    public Response disable(@PathParam("name") String name) {
        accounts.setDisabled(name, true);
        return Response.noContent().build();
    }

    @POST
    @Path("/accounts/{name}/enable")
    public Response enable(@PathParam("name") String name) {
        accounts.setDisabled(name, false);
        return Response.noContent().build();
    }

    /** Every signed-in session of this server (MANAGE_USERS); end one with DELETE /api/v1/account/sessions/{handle}. */
    @GET
    @Path("/sessions")
    public List<SessionDirectory.SessionView> sessions() {
        return sessions.all();
    }

    /** Ends an account's lockout at once (MANAGE_USERS, audited): the recovery when someone was locked out on purpose. */
    @POST
    @Path("/accounts/{name}/unlock")
    public Response unlock(@PathParam("name") String name) {
        accounts.unlock(name);
        return Response.noContent().build();
    }
}
