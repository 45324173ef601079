package io.issuehooks.delivery.api;

import io.issuehooks.contract.IssueEventType;
import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequestReader;
import io.issuehooks.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.UUID;

/**
 * Sends a signed test event to a webhook at once and answers with the delivery and its attempt. The body is
 * optional; {@code {"event": "issue.status_changed"}} picks the event type of the sample (default issue.created).
 */
@Path("v1/webhooks/{webhookId}/test")
@Produces(MediaType.APPLICATION_JSON)
public class TestEventResource {

    @Inject
    ReplayService replay;

    @Inject
    Caller caller;

    @Inject
    DeliveryDetailReader views;

    @POST
    public JsonObject test(@PathParam("webhookId") String webhookId, @HeaderParam("Content-Length") String length,
            InputStream body) throws IOException {
        UUID webhook = Ids.path("webhook", webhookId);
        caller.requireOrganizationAdmin(); // before the body is read; the service finds the webhook
        String name = JsonRequestReader.read(body, length)
                .flatMap(r -> r.allowOnly(Set.of("event")).optionalText("event", 40))
                .orElse(IssueEventType.CREATED.wireName());
        IssueEventType type = IssueEventType.fromWireName(name)
                .orElseThrow(() -> ApiException.invalid("event", "unknown event type '" + name + "'"));
        UUID delivery = replay.sendTest(replay.prepareTest(webhook, type));
        return views.detail(webhook, delivery);
    }
}
