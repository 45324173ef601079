package io.issuehooks.delivery.engine;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something once the current JTA transaction has committed (after both branches' commits): the engine's only
 * use of transaction synchronizations, interposed so that they run after the resources' own. Only after a commit:
 * what must also happen after a rollback is done by the caller once its transactional call has returned or thrown
 * (DeliveryRelay#finished), which holds also for a transaction the timeout rolled back while its thread waited.
 */
final class AfterCompletion implements Synchronization {

    private final Runnable action;

    private AfterCompletion(Runnable action) {
        this.action = action;
    }

    /** Runs {@code action} if the current transaction commits. */
    static void ifCommitted(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new AfterCompletion(action));
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before the outcome is known
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            action.run();
        }
    }
}
