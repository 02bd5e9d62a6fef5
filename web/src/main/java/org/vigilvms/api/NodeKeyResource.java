package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vigilvms.messaging.ProducerEnrolment;

/**
 * {@code /api/v1/node-keys}: the producers' signing keys (list, enrol a service outside the cluster
 * with proof of possession, revoke any node's key) and the keys the cluster's nodes ask for
 * ({@code requests}, approved by fingerprint); MANAGE_USERS checked by the service, every change
 * audited.
 */
@Path("/node-keys")
@Produces(MediaType.APPLICATION_JSON)
public class NodeKeyResource {

    /** An enrolment: {@code <service>@<node>}, the Ed25519 public key in PEM, the Base64 proof of possession. */
    public record Enrolment(String producer, String publicKey, String proof) {
    }

    /** Why a key is revoked. */
    public record Revocation(String reason) {
    }

    /** The approval of a node's key: the fingerprint the administrator read in the node's log. */
    public record Approval(String fingerprint) {
    }

    @Inject
    private ProducerEnrolment enrolment;

    @GET
    public List<ProducerEnrolment.ProducerKeyView> list() {
        return enrolment.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrol(Enrolment body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with producer, publicKey and proof is required");
        }
        return Response.status(201).entity(enrolment.enrol(body.producer(), body.publicKey(), body.proof())).build();
    }

    @POST
    @Path("/{producer}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProducerEnrolment.ProducerKeyView revoke(@PathParam("producer") String producer, Revocation body) {
        return enrolment.revoke(producer, body == null ? null : body.reason());
    }

    @GET
    @Path("/requests")
    public List<ProducerEnrolment.KeyRequestView> requests() {
        return enrolment.requests();
    }

    @POST
    @Path("/requests/{producer}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProducerEnrolment.ProducerKeyView approve(@PathParam("producer") String producer, Approval body) {
        return enrolment.approve(producer, body == null ? null : body.fingerprint());
    }
}
