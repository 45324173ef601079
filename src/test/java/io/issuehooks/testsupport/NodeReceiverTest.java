package io.issuehooks.testsupport;

import static io.issuehooks.testsupport.NodeReceiver.SPEC_ROUTE;
import static io.issuehooks.testsupport.NodeReceiver.STANDARD_WEBHOOKS_ROUTE;
import static io.issuehooks.testsupport.NodeReceiver.route;
import static io.issuehooks.testsupport.NodeReceiver.webhookId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.issuehooks.delivery.store.Delivery;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the Node.js consumers against deliveries signed the way the product signs them:
 * {@code X-Promptfoo-Signature} = lowercase hex HMAC-SHA256 over the exact body bytes, keyed with the UTF-8 bytes of
 * the whole {@code whsec_...} secret; Standard Webhooks {@code webhook-signature} = {@code v1,} + base64 HMAC-SHA256
 * over {@code id.timestamp.body}, keyed with the base64-decoded part after {@code whsec_}.
 */
class NodeReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Quotes, backslashes, every C0 control character, U+2028/9, DEL, non-ASCII, emoji, non-BMP, HTML breakers. */
    private static final String HOSTILE;

    static {
        StringBuilder controls = new StringBuilder();
        for (char c = 0x00; c < 0x20; c++) {
            controls.append(c);
        }
        HOSTILE = "quote\" backslash\\ both\\\" slash/ esc\\u0041 controls[" + controls + "] del\u007f"
                + " ls\u2028ps\u2029 nbsp\u00a0 bom\ufeff accents é ü ß 中文 עברית emoji 😀🔥👩‍💻 clef \uD834\uDD1E"
                + " </script><script>alert('x')</script> <!-- --> ${x} `tick` &amp; %s {{x}}";
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String secret;
    private NodeReceiver node;

    @BeforeAll
    static void nodeInstalled() {
        assumeTrue(NodeReceiver.nodeAvailable(), "node is not on the PATH");
    }

    @BeforeEach
    void start() {
        secret = newSecret();
        node = NodeReceiver.start(secret);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void specSnippetIsTheSpecPageBlockUnchanged() throws Exception {
        byte[] snippet = Files.readAllBytes(NodeReceiver.nodeDir().resolve("spec-snippet.js"));
        String text = new String(snippet, StandardCharsets.UTF_8);
        assertThat(text).startsWith("const crypto = require('crypto');\n")
                .contains("const webhookSecret = 'your-webhook-secret';\n")
                .contains(".update(JSON.stringify(payload))");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snippet)))
                .as("spec-snippet.js must stay byte for byte the spec page's block")
                .isEqualTo("56472d6ef09ab77d452465988ed998f3adedea92904e4eb9b9a6b01ba425f93d");
    }

    @Test
    void hostileDeliveryIsAcceptedByBothConsumersAndReproducedByJsonStringify() throws Exception {
        String body = issueCreatedBody(HOSTILE);
        assertThat(body).contains("\\u0001", "\\u001f", "\\n", "\\t", "\\\"", "\\\\", "\u2028", "😀", "</script>");

        for (String route : new String[] {SPEC_ROUTE, STANDARD_WEBHOOKS_ROUTE}) {
            Delivery d = new Delivery(body, secret);
            HttpResponse<String> response = post(node.uri(route), d);
            assertThat(response.statusCode()).as(route + " answered %s", response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Webhook received");

            JsonObject r = node.awaitRequest(route(route).and(webhookId(d.id)), WAIT);
            assertThat(r.getInt("status")).isEqualTo(200);
            assertThat(r.getString("event")).isEqualTo("issue.created");
            assertThat(r.getString("signature")).isEqualTo(d.promptfooSignature);
            assertThat(r.getString("rawBody")).isEqualTo(body);
            assertThat(r.getBoolean("reproduced")).isTrue();
            assertThat(r.containsKey("error")).isFalse();
            assertThat(r.getJsonObject("headers").getString("webhook-signature")).isEqualTo(d.standardSignature);
            assertThat(r.getJsonObject("headers").getString("webhook-timestamp")).isEqualTo(Long.toString(d.timestamp));
            JsonObject payload = parse(r.getString("rawBody"));
            assertThat(payload.getJsonObject("data").getJsonObject("issue").getString("weakness")).isEqualTo(HOSTILE);
            assertThat(payload.getJsonObject("data").getJsonObject("eventData").getString("comment")).isEqualTo(HOSTILE);
        }
        assertThat(node.received()).hasSize(2);
    }

    @Test
    void wrongSignaturesGet401() throws Exception {
        String body = issueCreatedBody("plain");

        // Spec route: the right length, one hex digit off.
        Delivery flipped = new Delivery(body, secret);
        String sig = flipped.promptfooSignature;
        flipped.promptfooSignature = sig.substring(0, sig.length() - 1) + (sig.endsWith("0") ? "1" : "0");
        assertThat(post(node.specEndpoint(), flipped).statusCode()).isEqualTo(401);
        assertThat(node.awaitRequest(webhookId(flipped.id), WAIT).getInt("status")).isEqualTo(401);

        // Spec route: upper-case hex is a different string to the snippet's timingSafeEqual.
        Delivery upper = new Delivery(body, secret);
        upper.promptfooSignature = upper.promptfooSignature.toUpperCase();
        assertThat(post(node.specEndpoint(), upper).statusCode()).isEqualTo(401);

        // Both routes: signed with another secret.
        for (String route : new String[] {SPEC_ROUTE, STANDARD_WEBHOOKS_ROUTE}) {
            Delivery other = new Delivery(body, newSecret());
            assertThat(post(node.uri(route), other).statusCode()).as(route).isEqualTo(401);
            JsonObject r = node.awaitRequest(route(route).and(webhookId(other.id)), WAIT);
            assertThat(r.getInt("status")).isEqualTo(401);
            assertThat(r.getBoolean("reproduced")).isTrue();
        }

        // Standard Webhooks: correctly signed but 10 minutes old (tolerance is 5).
        Delivery stale = new Delivery(body, secret, Instant.now().getEpochSecond() - 600);
        assertThat(post(node.standardWebhooksEndpoint(), stale).statusCode()).isEqualTo(401);
        assertThat(node.awaitRequest(webhookId(stale.id), WAIT).getString("error")).contains("too old");
    }

    @Test
    void specSnippetThrowsOnMissingOrWrongLengthSignature() throws Exception {
        // Documents the snippet as published: crypto.timingSafeEqual throws, so express answers 500, not 401.
        Delivery missing = new Delivery(issueCreatedBody("x"), secret);
        missing.promptfooSignature = null;
        assertThat(post(node.specEndpoint(), missing).statusCode()).isEqualTo(500);
        JsonObject r = node.awaitRequest(webhookId(missing.id), WAIT);
        assertThat(r.getInt("status")).isEqualTo(500);
        assertThat(r.isNull("signature")).isTrue();

        Delivery shortSig = new Delivery(issueCreatedBody("x"), secret);
        shortSig.promptfooSignature = "sha256=" + shortSig.promptfooSignature;
        assertThat(post(node.specEndpoint(), shortSig).statusCode()).isEqualTo(500);
        assertThat(node.awaitRequest(webhookId(shortSig.id), WAIT).getString("error"))
                .contains("same byte length");
    }

    @Test
    void bodyNotInJsonStringifyFormFailsTheSpecSnippetButNotStandardWebhooks() throws Exception {
        // Signed over its exact bytes, but JSON.stringify(req.body) re-serialises it differently.
        String[] bodies = {
            "{\"event\": \"issue.created\", \"data\": {}}", // spaces
            "{\"event\":\"issue.created\",\"data\":{\"w\":\"<\\/script>\"}}", // escaped slash
            "{\"event\":\"issue.created\",\"data\":{\"w\":\"\\u00e9\"}}", // escaped non-ASCII
            "{\"event\":\"issue.created\",\"data\":{\"n\":1.0}}", // number form
        };
        for (String body : bodies) {
            Delivery spec = new Delivery(body, secret);
            assertThat(post(node.specEndpoint(), spec).statusCode()).as(body).isEqualTo(401);
            JsonObject r = node.awaitRequest(webhookId(spec.id), WAIT);
            assertThat(r.getBoolean("reproduced")).as(body).isFalse();
            assertThat(r.getString("rawBody")).isEqualTo(body);

            Delivery standard = new Delivery(body, secret);
            assertThat(post(node.standardWebhooksEndpoint(), standard).statusCode()).as(body).isEqualTo(200);
        }
    }

    @Test
    void rotatedSecretIsUsedByBothRoutes() throws Exception {
        String oldSecret = secret;
        String newSecret = newSecret();
        node.rotateSecret(newSecret);
        assertThat(node.secret()).isEqualTo(newSecret);

        String body = issueCreatedBody(HOSTILE);
        for (String route : new String[] {SPEC_ROUTE, STANDARD_WEBHOOKS_ROUTE}) {
            Delivery old = new Delivery(body, oldSecret);
            assertThat(post(node.uri(route), old).statusCode()).as(route + " with the old secret").isEqualTo(401);
            Delivery current = new Delivery(body, newSecret);
            assertThat(post(node.uri(route), current).statusCode()).as(route + " with the new secret").isEqualTo(200);
            assertThat(node.awaitRequest(webhookId(current.id), WAIT).getBoolean("reproduced")).isTrue();
        }

        // And back again: the snippet is re-evaluated each time from the unchanged text.
        node.rotateSecret(oldSecret);
        assertThat(post(node.specEndpoint(), new Delivery(body, oldSecret)).statusCode()).isEqualTo(200);
        assertThat(post(node.specEndpoint(), new Delivery(body, newSecret)).statusCode()).isEqualTo(401);
    }

    // --- signing as the product does, inline ---

    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static final class Delivery {
        final String id = "msg_" + UUID.randomUUID();
        final long timestamp;
        final byte[] body;
        String promptfooSignature;
        final String standardSignature;

        Delivery(String body, String secret) {
            this(body, secret, Instant.now().getEpochSecond());
        }

        Delivery(String body, String secret, long timestamp) {
            this.timestamp = timestamp;
            this.body = body.getBytes(StandardCharsets.UTF_8);
            this.promptfooSignature = HexFormat.of().formatHex(
                    hmac(secret.getBytes(StandardCharsets.UTF_8), this.body));
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
            this.standardSignature = "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(URI uri, Delivery d) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", d.id)
                .header("webhook-timestamp", Long.toString(d.timestamp))
                .header("webhook-signature", d.standardSignature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body));
        if (d.promptfooSignature != null) {
            b.header("X-Promptfoo-Signature", d.promptfooSignature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    // --- a compact payload in exactly the form JavaScript's JSON.stringify writes ---

    private static String issueCreatedBody(String text) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("id", UUID.randomUUID().toString());
        issue.put("pluginId", "harmful:hate");
        issue.put("status", "open");
        issue.put("severity", "high");
        issue.put("organizationId", "org-1");
        issue.put("targetId", null);
        issue.put("providerId", "provider-1");
        issue.put("createdAt", "2025-03-14T12:30:00Z");
        issue.put("updatedAt", "2025-03-14T12:30:00Z");
        issue.put("weakness", text);
        issue.put("history", new Object[] {Map.of("status", "open"), 42L, true, false, null});
        Map<String, Object> eventData = new LinkedHashMap<>();
        eventData.put("comment", text);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue", issue);
        data.put("eventData", eventData);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "issue.created");
        payload.put("timestamp", "2025-03-14T12:34:56Z");
        payload.put("data", data);
        return stringify(payload);
    }

    private static String stringify(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(b, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(b, (String) e.getKey());
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Object[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(b, a[i]);
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException(v.getClass().toString());
        }
    }

    /** ECMAScript QuoteJSONString: short escapes, other C0 as lowercase \\u00xx, lone surrogates escaped. */
    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
