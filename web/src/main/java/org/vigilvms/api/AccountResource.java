package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vigilvms.security.TotpService;

/** {@code /api/v1/account}: the signed-in user's own second factor (TOTP). */
@Path("/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** The first code from the authenticator app. */
    public record Code(String code) {
    }

    @Inject
    private TotpService totp;

    /** Starts (or restarts) enrolment: the secret and an otpauth:// URI for the authenticator app. */
    @POST
    @Path("/totp")
    public TotpService.Enrolment enrol() {
        return totp.enrol();
    }

    /** Turns the second factor on: from now on sign-in needs a code. */
    @POST
    @Path("/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(Code body, @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest request) {
        totp.confirm(body == null ? null : body.code());
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(org.vigilvms.login.PasswordChangeGate.TOTP_PENDING); // enrolled: the console opens
        }
        return Response.noContent().build();
    }
}
