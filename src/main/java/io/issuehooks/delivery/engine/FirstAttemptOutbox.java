package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Where fan-out puts the messages of an event's first attempts: rows of the deliveries' outbox, in the caller's
 * transaction, rather than messages, so that the transaction recording an event (an API call's) commits in the
 * database alone, with no broker branch, marker or transaction-log record. Once it has committed, this server's
 * relay is woken to send them ({@link DeliveryRelayThread}).
 */
@ApplicationScoped
public class FirstAttemptOutbox {

    @Inject
    DeliveryOutbox outbox;

    @Inject
    DeliveryRelayThread relay;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<DeliveryMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        outbox.add(messages.stream()
                .map(m -> new DeliveryOutbox.Entry(m.eventId(), m.orderKey(), m.group(), m.attemptsText()))
                .toList());
        if (transactions.getResource(FirstAttemptOutbox.class) == null) { // once per transaction
            transactions.putResource(FirstAttemptOutbox.class, Boolean.TRUE);
            AfterCompletion.ifCommitted(transactions, relay::wake);
        }
    }
}
