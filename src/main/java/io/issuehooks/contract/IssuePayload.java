package io.issuehooks.contract;

import static io.issuehooks.contract.JsonSupport.JSON;
import static io.issuehooks.contract.JsonSupport.nullable;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The webhook payload of the public documentation: {@code event}, {@code timestamp}, and {@code data} with the
 * issue, {@code eventData} and, when a caller made the change, {@code userId}. Times are ISO-8601 UTC with
 * milliseconds, as JavaScript's {@code toISOString()} writes them.
 */
public final class IssuePayload {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IssuePayload() {
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The exact body a webhook receives, as {@link JsonText} writes it. */
    public static String render(IssueEventType type, Instant timestamp, IssueSnapshot issue, JsonObject eventData, String userId) {
        JsonObjectBuilder data = JSON.createObjectBuilder().add("issue", issue(issue)).add("eventData", eventData);
        if (userId != null) {
            data.add("userId", userId);
        }
        return JsonText.stringify(JSON.createObjectBuilder()
                .add("event", type.wireName())
                .add("timestamp", time(timestamp))
                .add("data", data)
                .build());
    }

    /** The issue as payloads and the issues API show it. */
    public static JsonObject issue(IssueSnapshot s) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", s.id()).add("pluginId", s.pluginId())
                .add("status", s.status()).add("severity", s.severity()).add("organizationId", s.organizationId());
        nullable(b, "teamId", s.teamId());
        nullable(b, "targetId", s.targetId());
        nullable(b, "providerId", s.providerId());
        b.add("createdAt", time(s.createdAt())).add("updatedAt", time(s.updatedAt()));
        nullable(b, "weakness", s.weakness());
        JsonArrayBuilder history = JSON.createArrayBuilder();
        for (HistoryEntry h : s.history()) {
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("timestamp", time(h.timestamp()));
            nullable(entry, "userId", h.userId());
            JsonArrayBuilder changes = JSON.createArrayBuilder();
            h.changes().forEach(changes::add);
            history.add(entry.add("event", h.event()).add("changes", changes));
        }
        return b.add("history", history).build();
    }

}
