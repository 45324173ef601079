package io.issuehooks.contract;

import java.util.List;

/**
 * Where a transaction's issue events go. Called inside the JTA transaction that made the change, so that the
 * events exist if and only if it commits. In another deployment (the client jar) that is the client's
 * JmsIssueEventPublisher, the IssueEvents queue ({@link IssueEventMessage}); inside Issuehooks the delivery engine takes the events
 * straight into deliveries, in the same transaction.
 */
public interface IssueEventPublisher {

    void publish(List<IssueEvent> events);
}
