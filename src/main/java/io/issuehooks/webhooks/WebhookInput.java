package io.issuehooks.webhooks;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.JsonRequest;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The settable attributes of a webhook, validated: what POST and PUT send, and what PATCH yields once merged
 * onto the current state. The JSON's shape and text (types, unknown fields, code-point lengths) is checked while
 * it is read ({@link JsonRequest}); value ranges are Bean Validation constraints on the components, checked by
 * {@link WebhookService} on every create, replace and merged patch, with rules that need the database or the
 * network policy.
 */
public record WebhookInput(String name, String url, List<String> events, UUID teamId, boolean enabled,
        @Min(value = 1, message = RATE_LIMIT_RANGE) @Max(value = MAX_RATE_LIMIT, message = RATE_LIMIT_RANGE) Integer rateLimit,
        WebhookFilter filter, java.util.Map<String, String> headers, DestinationFormat format) {

    static final Set<String> FIELDS = Set.of("url", "name", "events", "teamId", "enabled", "rateLimit", "filter", "headers", "format");
    /** Requests per second; above this a limit protects nothing a webhook endpoint needs protecting from. */
    static final int MAX_RATE_LIMIT = 10_000;
    static final String RATE_LIMIT_RANGE = "must be a whole number from 1 to " + MAX_RATE_LIMIT;
    static final int MAX_URL = 2048;
    static final int MAX_NAME = 200;

    /** From a full representation (POST, PUT): absent optional fields take their defaults. */
    public static WebhookInput from(JsonRequest body) {
        body.allowOnly(FIELDS);
        String name = body.requiredText("name", MAX_NAME);
        String url = url(body);
        List<String> events = events(body);
        UUID teamId = body.optionalUuid("teamId").orElse(null);
        boolean enabled = body.optionalBoolean("enabled").orElse(true);
        if (body.isNull("enabled")) {
            throw ApiException.invalid("enabled", "must be true or false");
        }
        Integer rateLimit = body.optionalInteger("rateLimit", RATE_LIMIT_RANGE).orElse(null);
        WebhookFilter filter = WebhookFilter.parse(body.json().get("filter"));
        java.util.Map<String, String> headers = WebhookHeaders.parse(body.json().get("headers"));
        DestinationFormat format = format(body, headers);
        return new WebhookInput(name, url, events, teamId, enabled, rateLimit, filter, headers, format);
    }

    private static DestinationFormat format(JsonRequest body, java.util.Map<String, String> headers) {
        String text = body.optionalText("format", 20).orElse(DestinationFormat.PROMPTFOO.wireName());
        DestinationFormat format = DestinationFormat.of(text).orElseThrow(() -> ApiException.invalid("format", "must be one of "
                + String.join(", ", java.util.Arrays.stream(DestinationFormat.values()).map(DestinationFormat::wireName).toList())));
        String auth = headers.get("Authorization");
        if (format == DestinationFormat.SPLUNK_HEC && (auth == null || !auth.startsWith("Splunk "))) {
            throw ApiException.invalid("headers.Authorization", "the splunk-hec format needs the collector's token: "
                    + "\"headers\": {\"Authorization\": \"Splunk <token>\"}");
        }
        return format;
    }

    /**
     * RFC 7396 JSON merge patch onto this state (JSON-P's {@code JsonMergePatch}: nested objects such as the
     * filter merge key by key, null removes); the result is validated as a whole.
     */
    public WebhookInput merge(JsonRequest patch) {
        patch.allowOnly(FIELDS);
        // An object patched onto an object is an object.
        JsonRequest result = new JsonRequest(JSON.createMergePatch(patch.json()).apply(toJson()).asJsonObject());
        for (String required : List.of("name", "url", "events", "enabled")) {
            if (!result.has(required)) {
                throw ApiException.invalid(required, "is required and cannot be removed");
            }
        }
        return from(result);
    }

    private JsonValue toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", name).add("url", url).add("enabled", enabled);
        b.add("events", JSON.createArrayBuilder(events));
        if (teamId != null) {
            b.add("teamId", teamId.toString());
        }
        if (rateLimit != null) {
            b.add("rateLimit", rateLimit);
        }
        if (filter != null) {
            b.add("filter", filter.toJson());
        }
        if (!headers.isEmpty()) {
            b.add("headers", WebhookHeaders.toJson(headers, false));
        }
        b.add("format", format.wireName());
        return b.build();
    }

    private static String url(JsonRequest body) {
        String text = body.requiredText("url", Integer.MAX_VALUE);
        if (text.length() > MAX_URL) {
            throw ApiException.invalid("url", "must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ApiException.invalid("url", "must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("url", "must not contain user information (credentials before @)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.invalid("url", "must name a valid host");
        }
        return text;
    }

    private static List<String> events(JsonRequest body) {
        List<String> names = body.optionalStrings("events", 100)
                .orElseThrow(() -> ApiException.invalid("events", "is required"));
        if (names.isEmpty()) {
            throw ApiException.invalid("events", "must name at least one event type");
        }
        Set<String> seen = new HashSet<>();
        List<String> events = new ArrayList<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw ApiException.invalid("events", "lists " + name + " twice");
            }
            if (!EventTypes.known(name)) {
                throw ApiException.invalid("events", "unknown event type '" + name + "'; see GET /api/v1/webhooks/event-types");
            }
            events.add(name);
        }
        return List.copyOf(events);
    }
}
