package io.issuehooks.issues;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.contract.HistoryEntry;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/** A stored {@link HistoryEntry}; its changes are kept as a JSON array of sentences. */
@Entity
@Table(name = "issue_history")
public class IssueHistoryRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "issue_history_seq")
    @SequenceGenerator(name = "issue_history_seq", sequenceName = "issue_history_seq", allocationSize = 50)
    private Long id;

    @Column(name = "issue_id", nullable = false)
    private UUID issueId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "user_id")
    private String userId;

    @Column(nullable = false)
    private String event;

    @Column(nullable = false)
    private String changes;

    protected IssueHistoryRecord() {
    }

    public IssueHistoryRecord(UUID issueId, HistoryEntry entry) {
        this.issueId = issueId;
        this.occurredAt = entry.timestamp();
        this.userId = entry.userId();
        this.event = entry.event();
        this.changes = JSON.createArrayBuilder(entry.changes()).build().toString();
    }

    public UUID issueId() {
        return issueId;
    }

    public HistoryEntry entry() {
        try (var reader = JSON.createReader(new StringReader(changes))) {
            return new HistoryEntry(occurredAt, userId, event,
                    reader.readArray().getValuesAs(JsonString::getString));
        }
    }
}
