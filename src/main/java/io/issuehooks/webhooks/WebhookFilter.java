package io.issuehooks.webhooks;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.issues.IssueValues;
import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.JsonRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which events a webhook gets beyond their type: conditions on the issue as the event shows it, all of which must
 * hold. An absent condition holds for every event. Evaluated at fan-out on the event's own snapshot; an event that
 * does not match gets no delivery for that webhook at all.
 *
 * @param severities  the issue's severity is one of these
 * @param minSeverity the issue's severity is this or more severe
 * @param statuses    the issue's status is one of these
 * @param pluginIds   the plugin id equals one of these, or starts with one that ends with {@code :} or {@code *}
 *                    (the {@code *} not included): {@code harmful:} matches {@code harmful:hate}
 * @param targetIds   the target id is one of these
 * @param providerIds the provider id is one of these
 * @param changed     for {@code issue.updated}: at least one of these attributes changed (other events: no effect)
 */
public record WebhookFilter(Set<String> severities, String minSeverity, Set<String> statuses, List<String> pluginIds,
        Set<String> targetIds, Set<String> providerIds, Set<String> changed) {

    static final Set<String> KEYS = Set.of("severities", "minSeverity", "statuses", "pluginIds", "targetIds", "providerIds", "changed");
    static final Set<String> ATTRIBUTES = Set.of("status", "severity", "pluginId", "teamId", "targetId", "providerId", "weakness");
    static final int MAX_ITEMS = 100;
    static final int MAX_PATTERN = 200;
    /** The column's size (V7__webhook_filter.sql). */
    static final int MAX_STORED = 8000;

    private static final Map<String, WebhookFilter> STORED = new ConcurrentHashMap<>();

    /** What the filter looks at, read from an event's payload. */
    public record Facts(String type, String severity, String status, String pluginId, String targetId, String providerId,
            Set<String> changed) {

        /** From the exact payload of an event (data.issue, data.eventData.changes). */
        public static Facts of(String payload) {
            JsonObject envelope = JSON.createReader(new StringReader(payload)).readObject();
            JsonObject data = envelope.getJsonObject("data");
            JsonObject issue = data.getJsonObject("issue");
            Set<String> changed = new LinkedHashSet<>();
            JsonObject eventData = data.get("eventData") instanceof JsonObject o ? o : null;
            if (eventData != null && eventData.get("changes") instanceof JsonArray changes) {
                for (JsonValue c : changes) {
                    if (c instanceof JsonString s) {
                        changed.add(s.getString().split(" ", 2)[0]); // "severity changed to low"
                    }
                }
            }
            return new Facts(envelope.getString("event", null), text(issue, "severity"), text(issue, "status"),
                    text(issue, "pluginId"), text(issue, "targetId"), text(issue, "providerId"), changed);
        }

        private static String text(JsonObject o, String name) {
            return o.get(name) instanceof JsonString s ? s.getString() : null;
        }
    }

    public boolean matches(Facts f) {
        if (severities != null && !severities.contains(f.severity())) {
            return false;
        }
        if (minSeverity != null && (f.severity() == null || rank(f.severity()) > rank(minSeverity))) {
            return false;
        }
        if (statuses != null && !statuses.contains(f.status())) {
            return false;
        }
        if (pluginIds != null && (f.pluginId() == null || pluginIds.stream().noneMatch(p -> pluginMatches(p, f.pluginId())))) {
            return false;
        }
        if (targetIds != null && !targetIds.contains(f.targetId())) {
            return false;
        }
        if (providerIds != null && !providerIds.contains(f.providerId())) {
            return false;
        }
        return changed == null || !"issue.updated".equals(f.type()) || f.changed().stream().anyMatch(changed::contains);
    }

    private static boolean pluginMatches(String pattern, String pluginId) {
        if (pattern.endsWith("*")) {
            return pluginId.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.endsWith(":") ? pluginId.startsWith(pattern) : pluginId.equals(pattern);
    }

    /** 0 for critical up to 3 for low; unknown severities rank below everything. */
    private static int rank(String severity) {
        int i = IssueValues.SEVERITIES.indexOf(severity);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    // --- JSON -----------------------------------------------------------------------------------------------

    /** The {@code filter} field of a request: an object of known conditions, or null for none. */
    static WebhookFilter parse(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.invalid("filter", "must be an object of conditions (" + String.join(", ", KEYS.stream().sorted().toList()) + ") or null");
        }
        JsonObject o = value.asJsonObject();
        for (String key : o.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiException.invalid("filter." + key, "unknown condition; the conditions are "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        if (o.isEmpty()) {
            throw ApiException.invalid("filter", "must have at least one condition, or be null for none");
        }
        JsonValue minValue = o.get("minSeverity");
        if (minValue != null && minValue.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.invalid("filter.minSeverity", "must be one of " + String.join(", ", IssueValues.SEVERITIES));
        }
        String min = minValue == null ? null : ((JsonString) minValue).getString();
        if (min != null && !IssueValues.SEVERITIES.contains(min)) {
            throw ApiException.invalid("filter.minSeverity", "must be one of " + String.join(", ", IssueValues.SEVERITIES));
        }
        WebhookFilter filter = new WebhookFilter(set(o, "severities", IssueValues.SEVERITIES), min, set(o, "statuses", IssueValues.STATUSES),
                list(o, "pluginIds", null), set(o, "targetIds", null), set(o, "providerIds", null), set(o, "changed", List.copyOf(ATTRIBUTES)));
        if (filter.toJson().toString().length() > MAX_STORED) {
            throw ApiException.invalid("filter", "is too large: at most " + MAX_STORED + " characters as JSON");
        }
        return filter;
    }

    private static Set<String> set(JsonObject o, String key, List<String> allowed) {
        List<String> items = list(o, key, allowed);
        return items == null ? null : new LinkedHashSet<>(items);
    }

    private static List<String> list(JsonObject o, String key, List<String> allowed) {
        if (!o.containsKey(key)) {
            return null;
        }
        String field = "filter." + key;
        List<String> items = JsonRequest.nested("filter", o).optionalStrings(key, MAX_PATTERN).orElseThrow();
        if (items.isEmpty()) {
            throw ApiException.invalid(field, "must not be empty (leave the condition out to accept everything)");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.invalid(field, "must have at most " + MAX_ITEMS + " entries");
        }
        List<String> result = new ArrayList<>();
        for (String item : items) {
            if (item.isBlank()) {
                throw ApiException.invalid(field, "must not contain blank entries");
            }
            if (allowed != null && !allowed.contains(item)) {
                throw ApiException.invalid(field, "'" + item + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (!result.contains(item)) {
                result.add(item);
            }
        }
        return result;
    }

    JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        add(b, "severities", severities);
        if (minSeverity != null) {
            b.add("minSeverity", minSeverity);
        }
        add(b, "statuses", statuses);
        add(b, "pluginIds", pluginIds);
        add(b, "targetIds", targetIds);
        add(b, "providerIds", providerIds);
        add(b, "changed", changed);
        return b.build();
    }

    private static void add(JsonObjectBuilder b, String key, java.util.Collection<String> items) {
        if (items != null) {
            b.add(key, JSON.createArrayBuilder(List.copyOf(items)));
        }
    }

    /** A stored filter (the webhook's column), parsed once per distinct text. */
    public static WebhookFilter stored(String json) {
        if (json == null) {
            return null;
        }
        if (STORED.size() > 10_000) {
            STORED.clear();
        }
        return STORED.computeIfAbsent(json, text -> parse(JSON.createReader(new StringReader(text)).readValue()));
    }
}
