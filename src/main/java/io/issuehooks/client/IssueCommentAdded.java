package io.issuehooks.client;

import io.issuehooks.contract.CommentSnapshot;
import io.issuehooks.contract.IssueSnapshot;

/** Fire this CDI event, inside the transaction that adds the comment, to publish {@code issue.comment_added}. */
public record IssueCommentAdded(IssueSnapshot issue, CommentSnapshot comment, String userId) {
}
