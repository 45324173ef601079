package io.issuehooks.webhooks;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The same API at the path the public documentation first gave, /api/webhooks. */
@Path("webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class UnversionedWebhookResource extends WebhookResource {
}
