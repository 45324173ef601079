package io.issuehooks.contract;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An issue's full state at one moment, with the fields of the public documentation's payload ({@code teamId}
 * besides). Status and severity use the wire values ({@code open}, {@code high}, ...).
 */
public record IssueSnapshot(String id, String pluginId, String status, String severity, String organizationId,
        String teamId, String targetId, String providerId, Instant createdAt, Instant updatedAt, String weakness,
        List<HistoryEntry> history) {

    public IssueSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        history = history == null ? List.of() : List.copyOf(history);
    }
}
