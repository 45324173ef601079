package io.issuehooks.delivery.engine;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something once the current JTA transaction has committed (after both branches' commits): the engine's only
 * use of transaction synchronizations, interposed so that they run after the resources' own. Nothing counts on one
 * running after a rollback: a transaction the timeout rolls back while its thread waits may never run it.
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
