package io.issuehooks.client;

/** Fire this CDI event, inside the transaction that adds the comment, to publish {@code issue.comment_added}. */
public record IssueCommentAdded(IssueSnapshot issue, CommentSnapshot comment, String userId) {
}
