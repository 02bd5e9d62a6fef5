package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vigilvms.notification.DeliveryService;
import org.vigilvms.notification.NotificationDelivery;
import org.vigilvms.notification.WebhookReceiver;
import org.vigilvms.notification.WebhookService;

/**
 * {@code /api/v1/notifications}: webhook receivers alarm rules notify (add, list, disable), and the
 * deliveries of webhooks and e-mails (the dead-letter list, sending one again); MANAGE_CAMERAS checked by the service,
 * every change audited.
 */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    /** A new receiver: its name, its https:// URL and, optionally, the only CA trusted for it (PEM). */
    public record NewReceiver(String name, String url, String caPem) {
    }

    @Inject
    private WebhookService webhooks;

    @Inject
    private DeliveryService deliveries;

    @GET
    @Path("/webhooks")
    public List<WebhookReceiver.View> receivers() {
        return webhooks.receivers();
    }

    /** 201 with the receiver and its secret, shown this once. */
    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewReceiver body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with name, url and optionally caPem is required");
        }
        return Response.status(201).entity(webhooks.create(body.name(), body.url(), body.caPem())).build();
    }

    @POST
    @Path("/webhooks/{id}/disable")
    public WebhookReceiver.View disable(@PathParam("id") long id) {
        return webhooks.disable(id);
    }

    /** Deliveries in a state: DEAD (the default) lists what never got through. */
    @GET
    @Path("/deliveries")
    public Response deliveries(@QueryParam("state") @DefaultValue("DEAD") String state) {
        NotificationDelivery.State wanted;
        try {
            wanted = NotificationDelivery.State.valueOf(state);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest("state is PENDING, DELIVERED or DEAD");
        }
        return Response.ok(deliveries.deliveries(wanted)).build();
    }

    @POST
    @Path("/deliveries/{id}/retry")
    public NotificationDelivery.View retry(@PathParam("id") long id) {
        return deliveries.retry(id);
    }
}
