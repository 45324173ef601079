package io.issuehooks.issues;

import io.issuehooks.contract.HistoryEntry;
import io.issuehooks.contract.IssueSnapshot;
import io.issuehooks.contract.TimeOrderedIds;
import io.issuehooks.platform.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A security vulnerability. Any code that changes one through JPA produces webhook events: the
 * {@link IssueChangeListener} reports it to the {@link IssueChangeRecorder}, which compares, just before the
 * transaction completes, the state the transaction started from with the state it ends with.
 */
@Entity
@EntityListeners(IssueChangeListener.class)
public class Issue {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String severity;

    @Column(name = "target_id")
    private String targetId;

    @Column(name = "provider_id")
    private String providerId;

    private String weakness;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /**
     * The history this object's transaction committed, as the recorder read it under the issue's lock: what the
     * API answers with, without reading it again after the commit (a query per call, and one that could already
     * see a later change). Null when this transaction recorded no change of the issue.
     */
    @Transient
    private List<HistoryEntry> recordedHistory;

    protected Issue() {
    }

    public Issue(UUID organizationId, UUID teamId, String pluginId, String status, String severity) {
        this.id = TimeOrderedIds.next();
        this.organizationId = organizationId;
        this.teamId = teamId;
        this.pluginId = pluginId;
        setStatus(status);
        setSeverity(severity);
        this.createdAt = Times.now();
        this.updatedAt = createdAt;
    }

    public void setStatus(String status) {
        if (!IssueValues.STATUSES.contains(status)) {
            throw new IllegalArgumentException("Unknown status " + status);
        }
        this.status = status;
    }

    public void setSeverity(String severity) {
        if (!IssueValues.SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("Unknown severity " + severity);
        }
        this.severity = severity;
    }

    public void setTargetId(String targetId) {
        this.targetId = targetId;
    }

    public void setProviderId(String providerId) {
        this.providerId = providerId;
    }

    public void setWeakness(String weakness) {
        this.weakness = weakness;
    }

    /** Called by the recorder when the transaction's change is committed as an event. */
    void touch(Instant when) {
        this.updatedAt = when;
    }

    /** Called by the recorder with the history it published this transaction's events with. */
    void recorded(List<HistoryEntry> history) {
        this.recordedHistory = List.copyOf(history);
    }

    /** The history the change made through this object committed, if it made one (see the field). */
    Optional<List<HistoryEntry>> recordedHistory() {
        return Optional.ofNullable(recordedHistory);
    }

    public IssueSnapshot snapshot(List<HistoryEntry> history) {
        return new IssueSnapshot(id.toString(), pluginId, status, severity, organizationId.toString(),
                teamId == null ? null : teamId.toString(), targetId, providerId, createdAt, updatedAt, weakness, history);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID teamId() {
        return teamId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
