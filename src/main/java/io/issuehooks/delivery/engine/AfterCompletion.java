package io.issuehooks.delivery.engine;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something once the current JTA transaction has ended (after both branches' commits, or the rollback): the
 * engine's only use of transaction synchronizations, interposed so that they run after the resources' own.
 */
final class AfterCompletion implements Synchronization {

    private final Runnable action;
    private final boolean onlyIfCommitted;

    private AfterCompletion(Runnable action, boolean onlyIfCommitted) {
        this.action = action;
        this.onlyIfCommitted = onlyIfCommitted;
    }

    /** Runs {@code action} if the current transaction commits. */
    static void ifCommitted(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new AfterCompletion(action, true));
    }

    /** Runs {@code action} when the current transaction has ended, whatever its outcome. */
    static void always(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new AfterCompletion(action, false));
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before the outcome is known
    }

    @Override
    public void afterCompletion(int status) {
        if (!onlyIfCommitted || status == Status.STATUS_COMMITTED) {
            action.run();
        }
    }
}
