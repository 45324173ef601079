package io.issuehooks.delivery.api;

import io.issuehooks.delivery.store.Delivery;
import io.issuehooks.delivery.store.DeliveryLogReader;
import io.issuehooks.delivery.store.DeliveryStatus;
import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.PageRequest;
import io.issuehooks.webhooks.EventTypes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** A webhook's delivery log, newest first, and redelivery of one delivery. Organisation admin keys only. */
@Path("v1/webhooks/{webhookId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    ReplayService replay;

    @Inject
    DeliveryLogReader deliveries;

    @Inject
    DeliveryDetailReader views;

    @GET
    public JsonObject list(@PathParam("webhookId") String webhookId, @QueryParam("status") String status,
            @QueryParam("event") String event, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID webhook = replay.webhook(Ids.path("webhook", webhookId)).id();
        DeliveryStatus wanted = status == null ? null : DeliveryStatus.fromJson(status);
        if (status != null && wanted == null) {
            throw ApiException.invalid("status", "must be one of pending, succeeded, failed, skipped");
        }
        if (event != null && !EventTypes.known(event)) {
            throw ApiException.invalid("event", "unknown event type '" + event + "'");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        List<Delivery> rows = deliveries.list(webhook, wanted, event, page);
        var attempts = deliveries.attempts(rows.stream().map(Delivery::id).toList());
        return page.page(rows, Delivery::createdAt, Delivery::id, d -> DeliveryJsonRenderer.delivery(d, attempts.get(d.id()), null));
    }

    @GET
    @Path("{deliveryId}")
    public JsonObject get(@PathParam("webhookId") String webhookId, @PathParam("deliveryId") String deliveryId) {
        return views.detail(replay.webhook(Ids.path("webhook", webhookId)).id(), Ids.path("delivery", deliveryId));
    }

    @POST
    @Path("{deliveryId}/redeliver")
    public Response redeliver(@PathParam("webhookId") String webhookId, @PathParam("deliveryId") String deliveryId) {
        Delivery d = replay.redeliver(Ids.path("webhook", webhookId), Ids.path("delivery", deliveryId));
        return Response.accepted(views.detail(d.webhookId(), d.id())).build();
    }
}
