package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vigilvms.login.PasswordChangeGate;
import org.vigilvms.security.SessionDirectory;
import org.vigilvms.security.TotpService;

/** {@code /api/v1/account}: the signed-in user's own second factor (TOTP) and sessions. */
@Path("/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** The first code from the authenticator app. */
    public record Code(String code) {
    }

    @Inject
    private TotpService totp;

    @Inject
    private SessionDirectory sessions;

    /** The caller's own signed-in sessions (where, since when, which one is this). */
    @GET
    @Path("/sessions")
    public List<SessionDirectory.SessionView> sessions(@Context HttpServletRequest request) {
        HttpSession current = request.getSession(false);
        return sessions.mine(current == null ? null : current.getId());
    }

    /** Ends one of the caller's sessions (e.g. a workstation left signed in); anyone's with MANAGE_USERS. */
    @DELETE
    @Path("/sessions/{handle}")
    public Response endSession(@PathParam("handle") String handle) {
        sessions.end(handle);
        return Response.noContent().build();
    }

    /** The account's password, to confirm a change to the second factor. */
    public record Password(String password) {
    }

    /**
     * Starts (or restarts) enrolment: the secret and an otpauth:// URI for the authenticator app.
     * Replacing a factor in force needs {@code {"password": ...}}.
     */
    @POST
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    public TotpService.Enrolment enrol(Password body) {
        return totp.enrol(body == null ? null : body.password());
    }

    /** Removes the second factor: {@code {"password": ...}} required. */
    @POST
    @Path("/totp/remove")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response remove(Password body) {
        totp.remove(body == null ? null : body.password());
        return Response.noContent().build();
    }

    /** Turns the second factor on: from now on sign-in needs a code. */
    @POST
    @Path("/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(Code body, @Context HttpServletRequest request) {
        totp.confirm(body == null ? null : body.code());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PasswordChangeGate.TOTP_PENDING); // enrolled: the console opens
        }
        return Response.noContent().build();
    }
}
