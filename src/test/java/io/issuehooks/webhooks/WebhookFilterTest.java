package io.issuehooks.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuehooks.platform.ApiException;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookFilterTest {

    static WebhookFilter filter(String json) {
        return WebhookFilter.parse(Json.createReader(new StringReader(json)).readValue());
    }

    static WebhookFilter.Facts facts(String type, String severity, String status, String pluginId, String... changed) {
        return new WebhookFilter.Facts(type, severity, status, pluginId, "t1", "p1", Set.of(changed));
    }

    @Test
    void everyGivenConditionMustHold() {
        WebhookFilter f = filter("{\"minSeverity\":\"high\",\"statuses\":[\"open\"],\"pluginIds\":[\"harmful:\",\"pii*\",\"exact\"]}");
        assertThat(f.matches(facts("issue.created", "critical", "open", "harmful:hate"))).isTrue();
        assertThat(f.matches(facts("issue.created", "high", "open", "pii:direct"))).isTrue();
        assertThat(f.matches(facts("issue.created", "high", "open", "exact"))).isTrue();
        assertThat(f.matches(facts("issue.created", "high", "open", "exactly"))).as("exact means exact").isFalse();
        assertThat(f.matches(facts("issue.created", "medium", "open", "harmful:hate"))).as("below minSeverity").isFalse();
        assertThat(f.matches(facts("issue.created", "high", "fixed", "harmful:hate"))).as("status").isFalse();
        assertThat(f.matches(facts("issue.created", "high", "open", "harmfulness"))).as("a prefix ends with ':'").isFalse();
    }

    @Test
    void changedLooksAtUpdatesOnly() {
        WebhookFilter f = filter("{\"changed\":[\"severity\",\"targetId\"]}");
        assertThat(f.matches(facts("issue.updated", "low", "open", "x", "status", "severity"))).isTrue();
        assertThat(f.matches(facts("issue.updated", "low", "open", "x", "status", "weakness"))).isFalse();
        assertThat(f.matches(facts("issue.status_changed", "low", "fixed", "x"))).isTrue();
    }

    @Test
    void factsComeFromThePayloadAsSent() {
        String payload = "{\"event\":\"issue.updated\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"data\":{\"issue\":{\"id\":\"i\","
                + "\"pluginId\":\"harmful:hate\",\"status\":\"open\",\"severity\":\"high\",\"targetId\":\"t\"},"
                + "\"eventData\":{\"changes\":[\"severity changed to high\",\"targetId changed to t\"]}}}";
        WebhookFilter.Facts f = WebhookFilter.Facts.of(payload);
        assertThat(f).isEqualTo(new WebhookFilter.Facts("issue.updated", "high", "open", "harmful:hate", "t", null,
                Set.of("severity", "targetId")));
    }

    @Test
    void badFiltersAreRefusedWithTheFieldNamed() {
        assertRefused("{\"severity\":[\"high\"]}", "filter.severity", "unknown condition");
        assertRefused("{\"severities\":[\"urgent\"]}", "filter.severities", "'urgent' is not one of");
        assertRefused("{\"statuses\":[]}", "filter.statuses", "must not be empty");
        assertRefused("{\"minSeverity\":\"severe\"}", "filter.minSeverity", "must be one of");
        assertRefused("{\"minSeverity\":3}", "filter.minSeverity", "must be one of");
        assertRefused("{\"pluginIds\":[\"" + "x".repeat(201) + "\"]}", "filter.pluginIds", "at most 200");
        assertRefused("{\"pluginIds\":\"harmful:\"}", "filter.pluginIds", "array of strings");
        assertRefused("{\"changed\":[\"colour\"]}", "filter.changed", "'colour' is not one of");
        assertRefused("{}", "filter", "at least one condition");
        assertRefused("[\"high\"]", "filter", "must be an object");
        assertThat(WebhookFilter.parse(jakarta.json.JsonValue.NULL)).isNull();
    }

    @Test
    void theStoredFormIsCanonicalAndReadsBack() {
        WebhookFilter f = filter("{\"statuses\":[\"open\",\"open\"],\"minSeverity\":\"low\"}");
        String stored = f.toJson().toString();
        assertThat(stored).isEqualTo("{\"minSeverity\":\"low\",\"statuses\":[\"open\"]}");
        assertThat(WebhookFilter.stored(stored)).isEqualTo(f);
    }

    private static void assertRefused(String json, String field, String detail) {
        assertThatThrownBy(() -> filter(json)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo(field)).hasMessageContaining(detail);
    }
}
