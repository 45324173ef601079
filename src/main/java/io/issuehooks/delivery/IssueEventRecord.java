package io.issuehooks.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A committed event and the exact payload every delivery of it sends. */
@Entity
@Table(name = "issue_event")
public class IssueEventRecord {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "issue_id", nullable = false)
    private String issueId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IssueEventRecord() {
    }

    public IssueEventRecord(UUID id, UUID organizationId, String issueId, String eventType, String payload, Instant createdAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.issueId = issueId;
        this.eventType = eventType;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String issueId() {
        return issueId;
    }

    public String eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }
}
