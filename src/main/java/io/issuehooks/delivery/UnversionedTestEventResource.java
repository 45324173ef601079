package io.issuehooks.delivery;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test events at /api/webhooks/{id}/test. */
@Path("webhooks/{webhookId}/test")
@Produces(MediaType.APPLICATION_JSON)
public class UnversionedTestEventResource extends TestEventResource {
}
