package io.issuehooks.webhooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * Events about Issuehooks itself rather than about an issue: what an operator subscribes a webhook to so that a
 * failing or disabled endpoint is noticed without watching the console. They are listed by
 * {@code GET /webhooks/event-types} in their own group, a webhook receives them only if it names them, and they
 * are never sent to the webhook they are about.
 */
public enum OperationalEventType {
    WEBHOOK_FAILING("webhook.failing", "A webhook's delivery failed after its last success (once per run of failures)"),
    WEBHOOK_DISABLED("webhook.disabled", "A webhook was disabled automatically, with the reason"),
    DELIVERY_EXHAUSTED("delivery.exhausted", "A delivery of an issue event failed its last attempt and will not be retried");

    /** The group {@code GET /webhooks/event-types} lists these under. */
    public static final String GROUP = "operational";

    private final String wireName;
    private final String description;

    OperationalEventType(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public static Optional<OperationalEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
