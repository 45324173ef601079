package io.issuehooks.delivery.store;

import static io.issuehooks.contract.JsonSupport.JSON;
import static io.issuehooks.contract.JsonSupport.nullable;

import io.issuehooks.contract.IssuePayload;
import io.issuehooks.contract.JsonText;
import io.issuehooks.webhooks.OperationalEventType;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.UUID;

/**
 * An operational event raised by a delivery's outcome, and its payload: the envelope of the issue events
 * ({@code event}, {@code timestamp}, {@code data}), written by {@link JsonText} as JavaScript's
 * {@code JSON.stringify} would, so the public contract's consumer snippet verifies it too. {@code data.webhook}
 * names the webhook the event is about by id and name only: its URL may itself be a credential (a Slack incoming
 * webhook's is), and the event goes to other endpoints.
 */
public sealed interface OperationalEvent {

    UUID webhookId();

    OperationalEventType type();

    /** The event's {@code data} beside {@code webhook}. */
    void describe(JsonObjectBuilder data);

    /** The first failure after a success: {@code failingSince} and what the attempt got. */
    record Failing(UUID webhookId, Instant since, UUID deliveryId, Integer statusCode, String error) implements OperationalEvent {

        public OperationalEventType type() {
            return OperationalEventType.WEBHOOK_FAILING;
        }

        public void describe(JsonObjectBuilder data) {
            data.add("failingSince", IssuePayload.time(since));
            JsonObjectBuilder last = JSON.createObjectBuilder().add("deliveryId", deliveryId.toString());
            nullable(last, "statusCode", statusCode);
            nullable(last, "error", error);
            data.add("lastAttempt", last);
        }
    }

    /** The webhook was disabled automatically, and why. */
    record Disabled(UUID webhookId, String reason) implements OperationalEvent {

        public OperationalEventType type() {
            return OperationalEventType.WEBHOOK_DISABLED;
        }

        public void describe(JsonObjectBuilder data) {
            data.add("reason", reason);
        }
    }

    /**
     * A delivery of an issue event failed its last attempt. The delivered event's id, type and issue are read in
     * the outcome's transaction ({@link #of}); before that they are null.
     */
    record Exhausted(UUID webhookId, UUID deliveryId, int attempts, Integer statusCode, String error, UUID eventId,
            String eventType, String issueId) implements OperationalEvent {

        static Exhausted of(UUID webhookId, UUID deliveryId, int attempts, Integer statusCode, String error) {
            return new Exhausted(webhookId, deliveryId, attempts, statusCode, error, null, null, null);
        }

        Exhausted of(UUID eventId, String eventType, String issueId) {
            return new Exhausted(webhookId, deliveryId, attempts, statusCode, error, eventId, eventType, issueId);
        }

        public OperationalEventType type() {
            return OperationalEventType.DELIVERY_EXHAUSTED;
        }

        public void describe(JsonObjectBuilder data) {
            JsonObjectBuilder delivery = JSON.createObjectBuilder().add("id", deliveryId.toString());
            nullable(delivery, "eventId", eventId);
            nullable(delivery, "event", eventType);
            nullable(delivery, "issueId", issueId);
            delivery.add("attemptCount", attempts);
            nullable(delivery, "lastStatusCode", statusCode);
            nullable(delivery, "lastError", error);
            data.add("delivery", delivery);
        }
    }

    /** The payload: {@code data} holds {@code webhook} (the one the event is about), then what {@link #describe} adds. */
    static String render(OperationalEvent event, Instant timestamp, String webhookName) {
        JsonObjectBuilder data = JSON.createObjectBuilder().add("webhook",
                JSON.createObjectBuilder().add("id", event.webhookId().toString()).add("name", webhookName));
        event.describe(data);
        return JsonText.stringify(JSON.createObjectBuilder()
                .add("event", event.type().wireName())
                .add("timestamp", IssuePayload.time(timestamp))
                .add("data", data)
                .build());
    }
}
