package io.issuehooks.client;

import java.util.UUID;

/**
 * One event on its way to the queue: the payload every subscribed webhook will receive, rendered once at commit
 * time with the issue as the transaction committed it, and what fan-out routes it by.
 */
public record IssueEvent(UUID id, IssueEventType type, String issueId, String organizationId, String teamId, String payload) {

    public static IssueEvent of(IssueEventRules.Change change, java.time.Instant timestamp, IssueSnapshot issue, String userId) {
        return new IssueEvent(UUID.randomUUID(), change.type(), issue.id(), issue.organizationId(), issue.teamId(),
                IssuePayload.render(change.type(), timestamp, issue, change.eventData(), userId));
    }
}
