package io.issuehooks.webhooks;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.platform.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Headers a webhook sends with every delivery, besides the ones Issuehooks sets: an {@code Authorization} token a
 * SIEM collector needs, say. Values are secrets: stored encrypted under the server key (like the signing secret),
 * shown in the answer that sets them, masked in every other answer and in the delivery log.
 */
public final class WebhookHeaders {

    public static final int MAX_HEADERS = 20;
    static final int MAX_NAME = 100;
    static final int MAX_VALUE = 1000;
    public static final String MASK = "********";
    /** RFC 9110 token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** What HTTP or Issuehooks itself sets: sending another value would break the request or its verification. */
    static final Set<String> REFUSED = Set.of("host", "content-length", "content-type", "transfer-encoding", "connection",
            "user-agent", "x-promptfoo-signature", "x-webhook-id", "x-event-id", "webhook-id", "webhook-timestamp", "webhook-signature",
            "upgrade", "te", "trailer", "keep-alive", "expect");

    private WebhookHeaders() {
    }

    /** The {@code headers} field of a request: names to values; null or absent for none. */
    static Map<String, String> parse(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.invalid("headers", "must be an object of header names to values, or null");
        }
        JsonObject o = value.asJsonObject();
        if (o.size() > MAX_HEADERS) {
            throw ApiException.invalid("headers", "must have at most " + MAX_HEADERS + " headers");
        }
        Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            String name = e.getKey();
            String field = "headers." + name;
            if (name.length() > MAX_NAME || !TOKEN.matcher(name).matches()) {
                throw ApiException.invalid("headers", "'" + printable(name) + "' is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only, at most "
                        + MAX_NAME + ")");
            }
            if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
                throw ApiException.invalid(field, "is set by Issuehooks or by HTTP itself and cannot be set");
            }
            if (result.containsKey(name)) {
                throw ApiException.invalid(field, "is given twice (header names are case-insensitive)");
            }
            if (!(e.getValue() instanceof JsonString s)) {
                throw ApiException.invalid(field, "must be a string");
            }
            String text = s.getString();
            if (text.length() > MAX_VALUE) {
                throw ApiException.invalid(field, "must be at most " + MAX_VALUE + " characters");
            }
            if (MASK.equals(text)) {
                throw ApiException.invalid(field, "send the value itself, not its mask (leave the field out of a PATCH to keep it)");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n' || c == 0 || c > 0x7e || (c < 0x20 && c != '\t')) {
                    throw ApiException.invalid(field, "must be printable ASCII without line breaks");
                }
            }
            result.put(name, text);
        }
        return Collections.unmodifiableMap(result);
    }

    private static String printable(String name) {
        return name.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** As JSON, with the values or with masks. */
    static JsonObject toJson(Map<String, String> headers, boolean masked) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        headers.forEach((name, value) -> b.add(name, masked ? MASK : value));
        return b.build();
    }

    /** The stored (decrypted) form back into a map. */
    public static Map<String, String> read(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JSON.createReader(new StringReader(json)).readObject().forEach((k, v) -> result.put(k, ((JsonString) v).getString()));
        return Collections.unmodifiableMap(result);
    }
}
