package io.issuehooks.issues;

import io.issuehooks.contract.CommentSnapshot;
import io.issuehooks.contract.TimeOrderedIds;
import io.issuehooks.platform.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "issue_comment")
@EntityListeners(IssueChangeListener.class)
public class IssueComment {

    @Id
    private UUID id;

    @Column(name = "issue_id", nullable = false)
    private UUID issueId;

    @Column(nullable = false)
    private String body;

    @Column(name = "author_id")
    private String authorId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IssueComment() {
    }

    public IssueComment(UUID issueId, String body, String authorId) {
        this.id = TimeOrderedIds.next();
        this.issueId = issueId;
        this.body = body;
        this.authorId = authorId;
        this.createdAt = Times.now();
    }

    public UUID id() {
        return id;
    }

    public UUID issueId() {
        return issueId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public CommentSnapshot snapshot() {
        return new CommentSnapshot(id.toString(), body, authorId, createdAt);
    }
}
