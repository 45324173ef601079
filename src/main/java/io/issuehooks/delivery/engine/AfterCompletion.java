package io.issuehooks.delivery.engine;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Consumer;

/**
 * Runs something once the current JTA transaction has completed (after both branches' commits, or the rollback):
 * the engine's only use of transaction synchronizations, interposed so that they run after the resources' own.
 * What must also happen after a rollback of the relay's own transactions is done by the caller once its
 * transactional call has returned or thrown (DeliveryRelay#finished), which holds also for a transaction the timeout
 * rolled back while its thread waited.
 */
final class AfterCompletion implements Synchronization {

    private final Consumer<Boolean> action;

    private AfterCompletion(Consumer<Boolean> action) {
        this.action = action;
    }

    /** Runs {@code action} if the current transaction commits. */
    static void ifCommitted(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new AfterCompletion(committed -> {
            if (committed) {
                action.run();
            }
        }));
    }

    /** Tells {@code action} whether the current transaction committed, once it has completed either way. */
    static void either(TransactionSynchronizationRegistry transactions, Consumer<Boolean> action) {
        transactions.registerInterposedSynchronization(new AfterCompletion(action));
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before the outcome is known
    }

    @Override
    public void afterCompletion(int status) {
        action.accept(status == Status.STATUS_COMMITTED);
    }
}
