package io.issuehooks.delivery.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A committed event and the exact payload every delivery of it sends. The hot path writes these rows with JDBC
 * ({@link DeliveryWriter#insertEvent}); this entity reads them, and writes the events of {@code POST .../test},
 * which are marked so that the event feed leaves them out.
 */
@Entity
@Table(name = "issue_event")
public class IssueEventRecord {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "issue_id") // null: an operational event about no issue
    private String issueId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "test_event", nullable = false)
    private boolean testEvent;

    protected IssueEventRecord() {
    }

    /** A test event ({@code POST .../test}): it exists for its one delivery and is not in the event feed. */
    public static IssueEventRecord test(UUID id, UUID organizationId, String issueId, String eventType, String payload,
            Instant createdAt) {
        IssueEventRecord event = new IssueEventRecord(id, organizationId, issueId, eventType, payload, createdAt);
        event.testEvent = true;
        return event;
    }

    private IssueEventRecord(UUID id, UUID organizationId, String issueId, String eventType, String payload, Instant createdAt) {
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
