package io.issuehooks.webhooks;

import static io.issuehooks.client.JsonSupport.JSON;
import static io.issuehooks.client.JsonSupport.nullable;

import io.issuehooks.client.IssueEventType;
import io.issuehooks.platform.Times;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** How a webhook reads in the API. The secret appears only through {@link #withSecret}. */
public final class WebhookJson {

    private WebhookJson() {
    }

    public static JsonObject webhook(Webhook w) {
        return builder(w).build();
    }

    static JsonObject withSecret(WebhookService.WithSecret created) {
        return builder(created.webhook()).add("secret", created.secret()).build();
    }

    private static JsonObjectBuilder builder(Webhook w) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        w.events().stream().map(IssueEventType::wireName).forEach(events::add);
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", w.id().toString())
                .add("organizationId", w.organizationId().toString());
        nullable(b, "teamId", w.teamId());
        b.add("name", w.name())
                .add("url", w.url())
                .add("events", events)
                .add("enabled", w.enabled());
        nullable(b, "rateLimit", w.rateLimit());
        nullable(b, "disabledReason", w.disabledReason());
        nullable(b, "failingSince", w.failingSince());
        return b.add("createdAt", Times.format(w.createdAt()))
                .add("updatedAt", Times.format(w.updatedAt()));
    }
}
