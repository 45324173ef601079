package io.issuehooks.contract;

import java.util.UUID;

/**
 * One event on its way to the queue: the payload every subscribed webhook will receive, rendered once at commit
 * time with the issue as the transaction committed it, and what fan-out routes it by.
 */
public record IssueEvent(UUID id, IssueEventType type, String issueId, String organizationId, String teamId, String payload) {

    /**
     * How many JMS groups issues are spread over. The broker keeps an entry for every group id it has seen, for as
     * long as the consumer that took it lives: a group per issue would grow its memory with every issue ever
     * delivered. An issue always falls into the same group, so its messages keep their order; issues that share a
     * group share a consumer.
     */
    public static final int GROUPS = 1024;

    /** The JMS group of the messages about an issue: one of {@value #GROUPS}, always the same for an issue. */
    public static String group(String issueId) {
        return "g" + Math.floorMod(issueId.hashCode(), GROUPS);
    }

    public static IssueEvent of(IssueEventRules.Change change, java.time.Instant timestamp, IssueSnapshot issue, String userId) {
        return new IssueEvent(TimeOrderedIds.next(), change.type(), issue.id(), issue.organizationId(), issue.teamId(),
                IssuePayload.render(change.type(), timestamp, issue, change.eventData(), userId));
    }
}
