package io.issuehooks.webhooks;

import static io.issuehooks.contract.JsonSupport.JSON;
import static io.issuehooks.contract.JsonSupport.nullable;

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

    /** The answer that shows the secret, and the custom headers' values if it set them: once, never again. */
    static JsonObject withSecret(WebhookService.WithSecret created) {
        JsonObjectBuilder b = builder(created.webhook()).add("secret", created.secret());
        if (created.headers() != null) {
            b.add("headers", WebhookHeaders.toJson(created.headers(), false));
        }
        return b.build();
    }

    private static JsonObjectBuilder builder(Webhook w) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        w.events().forEach(events::add);
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", w.id().toString())
                .add("organizationId", w.organizationId().toString());
        nullable(b, "teamId", w.teamId());
        b.add("name", w.name())
                .add("url", w.url())
                .add("events", events)
                .add("enabled", w.enabled());
        nullable(b, "rateLimit", w.rateLimit());
        b.add("format", w.format().wireName());
        if (w.filter() == null) {
            b.addNull("filter");
        } else {
            b.add("filter", w.filter().toJson());
        }
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        w.headerNames().forEach(name -> headers.add(name, WebhookHeaders.MASK));
        b.add("headers", headers);
        nullable(b, "disabledReason", w.disabledReason());
        nullable(b, "failingSince", w.failingSince());
        return b.add("createdAt", Times.format(w.createdAt()))
                .add("updatedAt", Times.format(w.updatedAt()));
    }
}
