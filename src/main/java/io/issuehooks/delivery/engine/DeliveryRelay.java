package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.delivery.store.DeliveryRuns;
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

    private static final Logger LOG = Logger.getLogger(DeliveryRelay.class.getName());

    @Inject
    DeliveryOutbox outbox;

    @Inject
    DeliveryQueue queue;

    @Inject
    RetrySchedule schedule;

    @Inject
    DirectDelivery direct;

    @Inject
    DeliveryRuns runs;

    /**
     * How long after the start rows of no run written before it may still appear: a transaction begun before the
     * start commits within its timeout (ISSUEHOOKS_TRANSACTION_TIMEOUT, 60 s by default), so the relay keeps looking
     * this long.
     */
    static final Duration LEFTOVER_WINDOW = Duration.ofMinutes(10);

    private final AtomicInteger committing = new AtomicInteger();
    /**
     * Delivering directly, the relay has sent every row a previous run left: only a run whose lease runs out (another
     * server's crash) can leave it more.
     */
    private volatile boolean leftoversRelayed;
    /** Used by this server's relay thread only, one batch at a time. */
    private final RelayBatchLimit limit = new RelayBatchLimit();

    /**
     * Whether a relay could find anything: once this server, delivering first attempts itself, has relayed what a
     * previous run left, only when a run's lease has run out, since every row written after its start is its own run's
     * or a live server's. The relay thread then reads the small table of runs every second instead of the outbox, a
     * read that under load scans as many dead rows as events went through (autovacuum off).
     */
    public boolean anythingToRelay() {
        return !leftoversRelayed || runs.anyExpired(direct.ownRun());
    }

    /** The relay's turn, to be held across {@link #relayOldest} (see {@link DeliveryOutbox#takeTurn}). */
    public DeliveryOutbox.Turn takeTurn() {
        return outbox.takeTurn();
    }

    /**
     * Relays the oldest messages, with the turn taken, up to the {@link RelayBatchLimit}; answers whether the batch
     * was full, so that more may wait.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean relayOldest() {
        List<DeliveryOutbox.Stored> oldest = outbox.readOldest(limit.limit(), direct.ownRun());
        if (oldest.isEmpty()) {
            runs.forgetExpired(direct.ownRun()); // ended by a crash, and every row relayed
            Instant started = direct.started();
            if (started != null && Times.now().isAfter(started.plus(LEFTOVER_WINDOW))) {
                leftoversRelayed = true;
            }
        } else {
            committing.set(oldest.size());
            send(oldest);
            outbox.remove(oldest);
        }
        return limit.taken(oldest.size());
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
