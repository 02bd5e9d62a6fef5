package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.vigilvms.alarm.AlarmPush;
import org.vigilvms.alarm.AlarmRule;
import org.vigilvms.alarm.AlarmService;
import org.vigilvms.alarm.AlarmView;
import org.vigilvms.live.LiveTokens;
import org.vigilvms.security.AccessControl;

/**
 * {@code /api/v1/alarms}: the caller's alarms (only cameras they may watch or play back),
 * acknowledge and close with a comment, rules, and a ticket for the console's live alarm socket.
 * Every decision is {@link AlarmService}'s.
 */
@Path("/alarms")
@Produces(MediaType.APPLICATION_JSON)
public class AlarmResource {

    @Inject
    private AlarmService alarms;

    @Inject
    private LiveTokens tokens;

    @Inject
    private AlarmPush push;

    @Inject
    private AccessControl access;

    @GET
    public List<AlarmView> list(@QueryParam("all") boolean all) {
        return alarms.list(all);
    }

    /** Body (optional): {comment}. */
    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlarmView acknowledge(@PathParam("id") long id, Map<String, String> body) {
        return alarms.acknowledge(id, body == null ? null : body.get("comment"));
    }

    /** Body: {comment} (required). */
    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlarmView close(@PathParam("id") long id, Map<String, String> body) {
        return alarms.close(id, body == null ? null : body.get("comment"));
    }

    @GET
    @Path("rules")
    public List<AlarmRule.RuleView> rules() {
        return alarms.rules();
    }

    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createRule(AlarmRule.RuleView body) {
        return Response.status(201).entity(alarms.createRule(body)).build();
    }

    @POST
    @Path("rules/{id}/disable")
    public Response disableRule(@PathParam("id") long id) {
        alarms.disableRule(id);
        return Response.noContent().build();
    }

    /**
     * A ticket for {@code wss://.../alarms/socket?ticket=...}: bound to this HTTP session, valid
     * 30 s, usable once; the socket then pushes the alarms this caller may see.
     */
    @GET
    @Path("ticket")
    public Map<String, String> ticket(@Context HttpServletRequest request) {
        String ticket = tokens.issue(LiveTokens.ALARM_CHANNEL, request.getRemoteUser(), request.getSession(true).getId());
        push.expect(ticket, access.caller());
        return Map.of("url", "alarms/socket?ticket=" + ticket);
    }
}
