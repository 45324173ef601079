package io.issuehooks.client;

import io.issuehooks.contract.IssueEventPublisher;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Lets another deployment on the server publish issue events by firing {@link IssueChanged} and
 * {@link IssueCommentAdded} as CDI events in its own JTA transaction: they are collected per transaction and,
 * just before it completes, coalesced and sent to the IssueEvents queue within it. See docs/client.md.
 */
@ApplicationScoped
public class IssueEventBridge {

    @Inject
    PendingIssueEvents pending;

    @Inject
    IssueEventPublisher publisher;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    void collect(@Observes IssueChanged change) {
        requireTransaction();
        pending.add(change);
    }

    void collect(@Observes IssueCommentAdded comment) {
        requireTransaction();
        pending.add(comment);
    }

    void publish(@Observes(during = TransactionPhase.BEFORE_COMPLETION) IssueChanged ignored) {
        publishPending();
    }

    void publish(@Observes(during = TransactionPhase.BEFORE_COMPLETION) IssueCommentAdded ignored) {
        publishPending();
    }

    /** The first call of a transaction publishes everything; later calls find nothing left. */
    private void publishPending() {
        try {
            publisher.publish(pending.drain(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (RuntimeException e) {
            // The container only logs what a transactional observer throws; without this the transaction would
            // commit without its events.
            transactions.setRollbackOnly();
            throw e;
        }
    }

    private void requireTransaction() {
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("Issue events must be fired inside a JTA transaction, so that they are "
                    + "published if and only if it commits");
        }
    }
}
