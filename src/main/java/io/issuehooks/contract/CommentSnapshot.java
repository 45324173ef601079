package io.issuehooks.contract;

import java.time.Instant;

/** A comment on an issue, as {@code issue.comment_added} carries it. */
public record CommentSnapshot(String id, String body, String authorId, Instant createdAt) {
}
