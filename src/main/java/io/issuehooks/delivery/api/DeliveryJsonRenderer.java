package io.issuehooks.delivery.api;

import static io.issuehooks.contract.JsonSupport.JSON;
import static io.issuehooks.contract.JsonSupport.nullable;

import io.issuehooks.delivery.store.Delivery;
import io.issuehooks.delivery.store.DeliveryAttempt;
import io.issuehooks.platform.Times;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.List;

/** How deliveries and their attempts read in the API. */
final class DeliveryJsonRenderer {

    private DeliveryJsonRenderer() {
    }

    /** A delivery with its attempts; {@code payload} (the exact body sent) and the headers only in detail. */
    static JsonObject delivery(Delivery d, List<DeliveryAttempt> attempts, String payload) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", d.id().toString())
                .add("webhookId", d.webhookId().toString())
                .add("eventId", d.eventId().toString())
                .add("event", d.eventType())
                .add("status", d.status().json())
                .add("attemptCount", d.attempts());
        nullable(b, "nextAttemptAt", d.nextAttemptAt());
        nullable(b, "lastStatusCode", d.lastStatus());
        nullable(b, "lastError", d.lastError());
        b.add("createdAt", Times.format(d.createdAt())).add("updatedAt", Times.format(d.updatedAt()));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (DeliveryAttempt a : attempts) {
            list.add(attempt(a, payload != null));
        }
        b.add("attempts", list);
        if (payload != null) {
            b.add("body", payload);
        }
        return b.build();
    }

    private static JsonObject attempt(DeliveryAttempt a, boolean withHeaders) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("number", a.number())
                .add("startedAt", Times.format(a.startedAt()))
                .add("durationMs", a.durationMillis());
        nullable(b, "statusCode", a.statusCode());
        nullable(b, "error", a.error());
        nullable(b, "responseExcerpt", a.responseExcerpt());
        if (withHeaders) {
            try (var reader = JSON.createReader(new StringReader(a.requestHeaders()))) {
                b.add("requestHeaders", reader.readObject());
            }
        }
        return b.build();
    }
}
