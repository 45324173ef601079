package io.issuehooks.delivery.engine;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.webhooks.WebhookHeaders;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The exact bytes and headers of one attempt. {@code webhook-id} is the delivery's id, the same on every retry;
 * during a rotation's grace period {@code webhook-signature} carries a signature by each secret. The webhook's
 * custom headers come last; their values are secrets, masked in the record of the attempt ({@link #headersJson}).
 */
public record SignedRequest(byte[] body, Map<String, String> headers, Set<String> masked) {

    /**
     * The attempt in the webhook's format: the body rendered from the Promptfoo payload (the same bytes on every
     * retry), signed the Standard Webhooks way; {@code X-Promptfoo-Signature} for the promptfoo format.
     */
    static SignedRequest sign(String payload, UUID eventId, UUID deliveryId, UUID webhookId, String secret, String previousSecret,
            Instant now, String userAgent, Map<String, String> custom, DestinationFormat format, String consoleUrl) {
        byte[] body = format.render(payload, eventId == null ? deliveryId : eventId, consoleUrl).getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        String id = deliveryId.toString();
        String standard = Signatures.standardWebhooks(secret, id, timestamp, body);
        if (previousSecret != null) {
            standard += " " + Signatures.standardWebhooks(previousSecret, id, timestamp, body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", format.contentType());
        headers.put("User-Agent", userAgent);
        if (format == DestinationFormat.PROMPTFOO) {
            headers.put("X-Promptfoo-Signature", Signatures.promptfoo(secret, body));
        }
        headers.put("X-Webhook-Id", webhookId.toString());
        if (eventId != null) {
            headers.put("X-Event-Id", eventId.toString()); // the same in every delivery of the event, to every webhook
        }
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", standard);
        headers.putAll(custom); // their names never clash with the above: WebhookHeaders refuses those
        return new SignedRequest(body, Collections.unmodifiableMap(headers), custom.keySet());
    }

    /** What an attempt that never reached the network sent: nothing. */
    static SignedRequest unsent() {
        return new SignedRequest(new byte[0], Map.of(), Set.of());
    }

    String headersJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        headers.forEach((name, value) -> json.add(name, masked.contains(name) ? WebhookHeaders.MASK : value));
        return json.build().toString();
    }
}
