package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where fan-out puts the messages of an event's first attempts: rows of the deliveries' outbox, in the caller's
 * transaction, rather than messages, so that the transaction recording an event (an API call's) commits in the
 * database alone, with no broker branch, marker or transaction-log record. Then either this server delivers them
 * itself once the transaction has committed ({@link DirectDelivery}, a single server), their rows deleted with their
 * outcomes, or this server's relay is woken to send them to the queue ({@link DeliveryRelayThread}, a cluster).
 * Either way a row outlives its message until what it asked for is done: a crash leaves it to the relay.
 */
@ApplicationScoped
public class FirstAttemptOutbox {

    @Inject
    DeliveryOutbox outbox;

    @Inject
    DeliveryRelayThread relay;

    @Inject
    DirectDelivery direct;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<DeliveryMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        // Asked before the rows are written: rows marked with the run delivering them are left alone by every relay
        // while the run lives (DirectDeliveryRun).
        UUID run = direct.accepting();
        Instant written = outbox.add(messages.stream()
                .map(m -> new DeliveryOutbox.Entry(m.eventId(), m.orderKey(), m.group(), m.attemptsText()))
                .toList(), run);
        if (run != null) {
            // Queued now, while this transaction holds its issues' locks, so that a later change of an issue queues
            // behind it; delivered once the commit is known, dropped if it rolls back.
            java.util.function.Consumer<Boolean> held = direct.hold(messages, written);
            try {
                AfterCompletion.either(transactions, held);
            } catch (RuntimeException e) {
                held.accept(false); // never left waiting for a commit it will not hear of
                throw e;
            }
        } else if (transactions.getResource(FirstAttemptOutbox.class) == null) { // once per transaction
            transactions.putResource(FirstAttemptOutbox.class, Boolean.TRUE);
            AfterCompletion.ifCommitted(transactions, relay::wake);
        }
    }
}
