package io.issuehooks.delivery.api;

import io.issuehooks.delivery.store.Delivery;
import io.issuehooks.delivery.store.DeliveryLogReader;
import io.issuehooks.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** A delivery as its detail reads: with every attempt, the headers each was sent with, and the exact body. */
@ApplicationScoped
public class DeliveryDetailReader {

    @Inject
    DeliveryLogReader deliveries;

    public JsonObject detail(UUID webhookId, UUID deliveryId) {
        Delivery d = deliveries.find(webhookId, deliveryId).orElseThrow(() -> ApiException.notFound("delivery", deliveryId));
        return DeliveryJsonRenderer.delivery(d, deliveries.attempts(List.of(d.id())).get(d.id()), deliveries.event(d.eventId()).payload());
    }
}
