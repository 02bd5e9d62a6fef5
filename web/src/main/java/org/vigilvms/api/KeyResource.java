package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.vigilvms.storage.MasterKeyRotation;

/** {@code /api/v1/keys}: the installation's keys; a local administrator with their password again. */
@Path("/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    /** The caller's current password. */
    public record Confirmation(String password) {
    }

    @Inject
    private MasterKeyRotation masterKey;

    /** Rotates the master key: every wrapped value re-sealed under a new one, no segment rewritten. */
    @POST
    @Path("/master/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    public MasterKeyRotation.Rotated rotateMasterKey(Confirmation body) {
        return masterKey.rotate(body == null ? null : body.password());
    }
}
