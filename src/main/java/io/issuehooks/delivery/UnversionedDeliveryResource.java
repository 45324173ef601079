package io.issuehooks.delivery;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The delivery log at /api/webhooks/{id}/deliveries. */
@Path("webhooks/{webhookId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class UnversionedDeliveryResource extends DeliveryResource {
}
