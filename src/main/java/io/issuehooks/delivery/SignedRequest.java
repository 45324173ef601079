package io.issuehooks.delivery;

import static io.issuehooks.client.JsonSupport.JSON;

import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The exact bytes and headers of one attempt. {@code webhook-id} is the delivery's id, the same on every retry;
 * during a rotation's grace period {@code webhook-signature} carries a signature by each secret.
 */
public record SignedRequest(byte[] body, Map<String, String> headers) {

    static SignedRequest sign(String payload, UUID deliveryId, UUID webhookId, String secret, String previousSecret,
            Instant now, String userAgent) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        String id = deliveryId.toString();
        String standard = Signatures.standardWebhooks(secret, id, timestamp, body);
        if (previousSecret != null) {
            standard += " " + Signatures.standardWebhooks(previousSecret, id, timestamp, body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("X-Promptfoo-Signature", Signatures.promptfoo(secret, body));
        headers.put("X-Webhook-Id", webhookId.toString());
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", standard);
        return new SignedRequest(body, Collections.unmodifiableMap(headers));
    }

    /** What an attempt that never reached the network sent: nothing. */
    static SignedRequest unsent() {
        return new SignedRequest(new byte[0], Map.of());
    }

    String headersJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        headers.forEach(json::add);
        return json.build().toString();
    }
}
