package io.issuehooks.formats;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonObject;
import java.util.UUID;

/**
 * CloudEvents 1.0, structured JSON mode: the event's stable id (the same for every webhook and every retry), the
 * event type as the CloudEvents type, the payload's timestamp as time, and the payload's {@code data} as data.
 */
final class CloudEvent {

    static final String SOURCE = "/issuehooks";

    private CloudEvent() {
    }

    static String render(String payload, UUID eventId) {
        JsonObject envelope = Payloads.parse(payload);
        return JSON.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", eventId.toString())
                .add("source", SOURCE)
                .add("type", envelope.getString("event"))
                .add("time", envelope.getString("timestamp"))
                .add("datacontenttype", "application/json")
                .add("data", envelope.getJsonObject("data"))
                .build().toString();
    }
}
