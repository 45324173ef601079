package io.issuehooks.delivery.api;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Redelivers every failed or skipped delivery of a webhook from a given time (up to another, if given): after an
 * endpoint's outage, say, or after the webhook was switched off for a while.
 */
@Path("v1/webhooks/{webhookId}/recover")
@Produces(MediaType.APPLICATION_JSON)
public class RecoverResource {

    @Inject
    ReplayService replay;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recover(@PathParam("webhookId") String webhookId, JsonRequest body) {
        UUID webhook = Ids.path("webhook", webhookId);
        caller.requireOrganizationAdmin(); // the service finds the webhook
        body.allowOnly(Set.of("since", "until"));
        Instant from = body.optionalInstant("since").orElseThrow(() -> ApiException.invalid("since", "is required"));
        Instant until = body.optionalInstant("until").orElse(Instant.parse("9999-12-31T00:00:00Z"));
        if (!until.isAfter(from)) {
            throw ApiException.invalid("until", "must be later than since");
        }
        int count = replay.recover(webhook, from, until);
        return Response.accepted(JSON.createObjectBuilder().add("redelivering", count).build()).build();
    }
}
