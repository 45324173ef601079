package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Moves the deliveries' outbox to the Deliveries queue, one batch of its oldest messages per call, in a JTA
 * transaction of its own that sends them and deletes their rows: a message leaves the outbox if and only if it
 * reached the queue. That commit is two-branched (the database's commit-markable resource with its marker, then the
 * broker), as each API call's was before the outbox; under load one such commit carries many events. The
 * servers of a cluster take turns ({@link #takeTurn}), each holding its turn until its commit is complete, so the
 * queue receives the messages in the order of the rows, which is each issue's commit order.
 */
@ApplicationScoped
public class DeliveryRelay {

    /**
     * The most messages one transaction relays. A batch's cost is mostly its fixed part, the round trips to the
     * broker and the synchronous writes of a two-branched commit, which take longest when the machine is
     * busiest: on a starved machine (2026-12-04, docs/operations.md) a batch took about a second, and with 200 a
     * batch the relay moved fewer messages than the API committed. At a rate the machine sustains a batch carries
     * only what was committed while the one before it ran, far fewer.
     */
    static final int BATCH = 1_000;
    private static final Logger LOG = Logger.getLogger(DeliveryRelay.class.getName());

    @Inject
    DeliveryOutbox outbox;

    @Inject
    DeliveryQueue queue;

    @Inject
    RetrySchedule schedule;

    private final AtomicInteger committing = new AtomicInteger();

    /** The relay's turn, to be held across {@link #relayOldest} (see {@link DeliveryOutbox#takeTurn}). */
    public DeliveryOutbox.Turn takeTurn() {
        return outbox.takeTurn();
    }

    /** Relays the oldest messages, with the turn taken; answers how many there were (0: the outbox was empty). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int relayOldest() {
        List<DeliveryOutbox.Stored> oldest = outbox.readOldest(BATCH);
        if (!oldest.isEmpty()) {
            committing.set(oldest.size());
            send(oldest);
            outbox.remove(oldest);
        }
        return oldest.size();
    }

    /**
     * The messages this server's relay has taken from the outbox and not yet finished committing to the queue: with
     * the outbox's rows, those not yet on the queue (the delivery.outbox gauge).
     */
    public int committing() {
        return committing.get();
    }

    /**
     * Called by this server's relay thread, the only caller of {@link #relayOldest}, once a call has returned or
     * thrown: its transaction is over, committed or rolled back, so no batch is in flight. It replaces a
     * synchronization after completion, with which the gauge stayed above 0 for good once the transaction timeout
     * had rolled back a batch waiting for an absent broker (ClusterIT, the broker outage).
     */
    void finished() {
        committing.set(0);
    }

    private void send(List<DeliveryOutbox.Stored> stored) {
        Instant now = Times.now();
        Duration firstWait = schedule.delays().get(0);
        List<DeliveryQueue.Relayed> messages = new ArrayList<>(stored.size());
        for (DeliveryOutbox.Stored s : stored) {
            DeliveryOutbox.Entry e = s.entry();
            if (s.payload() == null) { // retention removed the event: its deliveries stay pending (docs/operations.md)
                LOG.warning(() -> "Event " + e.eventId() + " is gone; its deliveries in the outbox were not queued");
                continue;
            }
            DeliveryMessage message = new DeliveryMessage(e.eventId(), e.orderKey(), s.payload(), DeliveryMessage.attempts(e.attempts()),
                    e.group(), false);
            Duration delay = Duration.between(now, s.createdAt().plus(firstWait));
            messages.add(new DeliveryQueue.Relayed(message, delay.isNegative() ? Duration.ZERO : delay, s.createdAt().toEpochMilli()));
        }
        queue.relay(messages);
    }
}
