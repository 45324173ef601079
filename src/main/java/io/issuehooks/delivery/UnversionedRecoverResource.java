package io.issuehooks.delivery;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Recovery at /api/webhooks/{id}/recover. */
@Path("webhooks/{webhookId}/recover")
@Produces(MediaType.APPLICATION_JSON)
public class UnversionedRecoverResource extends RecoverResource {
}
