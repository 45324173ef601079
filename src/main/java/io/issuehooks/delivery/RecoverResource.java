package io.issuehooks.delivery;

import static io.issuehooks.client.JsonSupport.JSON;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.security.Caller;
import io.issuehooks.platform.JsonRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/** Redelivers every failed delivery of a webhook since a given time: after an endpoint's outage, say. */
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
        caller.requireOrganizationAdmin(); // before the body is read; the service finds the webhook
        String since = body.allowOnly(Set.of("since")).requiredText("since", 40);
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("since", "must be an ISO-8601 UTC time such as 2026-01-31T00:00:00Z");
        }
        int count = replay.recover(webhook, from);
        return Response.accepted(JSON.createObjectBuilder().add("redelivering", count).build()).build();
    }
}
