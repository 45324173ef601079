package io.issuehooks.client;

import io.issuehooks.contract.IssueEventRules;
import io.issuehooks.contract.IssueSnapshot;

/**
 * Fire this CDI event, inside the transaction that makes the change, to publish an issue change: {@code before}
 * is null for a new issue. Several events about one issue in one transaction are coalesced into one webhook event
 * (see {@link IssueEventRules}); if the transaction rolls back, nothing is published. {@code userId} may be null.
 */
public record IssueChanged(IssueSnapshot before, IssueSnapshot after, String userId) {
}
