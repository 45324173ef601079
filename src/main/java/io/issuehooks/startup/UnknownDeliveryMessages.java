package io.issuehooks.startup;

import io.issuehooks.delivery.engine.DeliveryMessage;
import io.issuehooks.delivery.engine.DeliveryQueue;
import io.issuehooks.delivery.store.PlannedAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The warm-up's messages on the Deliveries queue: batches like the relay's, committed in a JTA transaction like
 * its own, each asking for an attempt of a delivery that does not exist, to a webhook that does not exist. So
 * the broker's client, journal and consumer, the MDB's dispatch and the delivery service's reads run, as they do
 * for every real event, and the service finds what it finds for a webhook deleted after its event: nothing to
 * send, nothing to record. Whichever server of a cluster takes such a message, it does the same.
 */
@ApplicationScoped
public class UnknownDeliveryMessages {

    /** As many as the relay sends at once at a few hundred events a second. */
    private static final int BATCH = 4;

    @Inject
    DeliveryQueue queue;

    /** In a transaction of its own: the broker's XA enlistment and commit run as under the relay. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void send() {
        List<DeliveryQueue.Relayed> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String issue = UUID.randomUUID().toString();
            PlannedAttempt attempt = new PlannedAttempt(UUID.randomUUID(), UUID.randomUUID(), 1, 0);
            batch.add(new DeliveryQueue.Relayed(DeliveryMessage.batch(UUID.randomUUID(), issue, RehearsedAttempts.PAYLOAD, List.of(attempt)),
                    Duration.ZERO, System.currentTimeMillis()));
        }
        queue.relay(batch);
    }
}
