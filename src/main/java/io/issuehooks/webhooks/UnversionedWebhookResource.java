package io.issuehooks.webhooks;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The webhooks API at /api/webhooks, the path the public documentation first gave. */
@Path("webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class UnversionedWebhookResource extends WebhookResource {
}
