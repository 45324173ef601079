package io.issuehooks.delivery.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A committed event and the exact payload every delivery of it sends, as the delivery log's API reads it.
 * Read-only: every event row is written by {@link DeliveryWriter} (issue, operational and test events).
 */
@Entity
@Table(name = "issue_event")
public class IssueEventRecord {

    @Id
    private UUID id;

    @Column(name = "issue_id") // null: an operational event about no issue
    private String issueId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String payload;

    protected IssueEventRecord() {
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
