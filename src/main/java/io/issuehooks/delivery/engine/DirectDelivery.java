package io.issuehooks.delivery.engine;

import io.issuehooks.platform.Times;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes an event's first attempts on the server that committed it, right after the commit, without the queue:
 * no relay transaction, no broker journal, no message handed between threads of the broker. The outbox row the
 * event's transaction wrote stays until the attempts' outcomes commit, which delete it (DeliveryService); if the
 * server dies before, the row is still there, and a relay sends it once this run of the server is over: the server's
 * own after its restart, or another server's once the run's lease has run out ({@link DirectDeliveryRun}).
 *
 * <p>Order: messages go into one of a fixed number of lanes by their JMS group (an issue's group, or a webhook's
 * and an issue's), each lane delivering one message at a time, in the order they were queued. They are queued
 * while the event's transaction still holds its issue's lock ({@link FirstAttemptOutbox}), so a later change of
 * the issue queues behind, and a lane waits at a message until its transaction's outcome is known.
 *
 * <p>What cannot be made here goes to the queue as any relayed message would, its row still in the outbox
 * (deleted with its outcomes there): a first attempt that must wait (the retry schedule's first entry), and a
 * message whose delivery failed for another reason than the endpoint (the database away), which the broker then
 * hands out again on its redelivery schedule.
 */
@ApplicationScoped
public class DirectDelivery {

    /** The lanes' threads are named this and their number: what a thread dump knows them by. */
    static final String NAME = "issuehooks-direct-delivery-";
    private static final Logger LOG = Logger.getLogger(DirectDelivery.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryService deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliverySettings settings;

    @Inject
    RetrySchedule schedule;

    @Inject
    DirectDeliveryRun run;

    private volatile Instant started;
    private volatile boolean accepting;
    private Lane[] lanes = new Lane[0];

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!settings.direct()) {
            return;
        }
        run.begin(); // before any row is marked with it
        lanes = new Lane[settings.concurrency()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
            Thread t = threads.newThread(lanes[i]);
            t.setName(NAME + (i + 1));
            lanes[i].thread = t;
            t.start();
        }
        started = Times.now();
        accepting = true;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        accepting = false;
        for (Lane lane : lanes) {
            lane.stop();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Lane lane : lanes) {
            lane.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)); // lets attempts under way be recorded
        }
        if (started != null) {
            run.end(); // what the lanes still held is any relay's now
        }
    }

    /**
     * The run that delivers messages written now, whose rows the relays then leave alone; null when they are not
     * delivered here (not delivering directly, or stopping).
     */
    UUID accepting() {
        return accepting ? run.id() : null;
    }

    /**
     * This server's run of direct delivery (null: it relays), whose rows its own relay never sends: they are its
     * lanes' or its queue's, also while the database is away and the run's lease looks run out.
     */
    UUID ownRun() {
        return started == null ? null : run.id();
    }

    /**
     * When this server began delivering directly (null: it does not): rows of no run written before then, by a
     * previous run that relayed, may still appear for as long as a transaction may last.
     */
    Instant started() {
        return started;
    }

    /**
     * Queues the messages of a transaction that is completing, written to the outbox at {@code written}; answers
     * what to call with its outcome (true: committed, so deliver them; false: drop them).
     */
    Consumer<Boolean> hold(List<DeliveryMessage> messages, Instant written) {
        List<Held> held = new ArrayList<>(messages.size());
        for (DeliveryMessage m : messages) {
            Held h = new Held(m, written, lanes[Math.floorMod(String.valueOf(m.group()).hashCode(), lanes.length)]);
            h.lane.add(h);
            held.add(h);
        }
        return committed -> held.forEach(h -> h.resolve(committed ? State.COMMITTED : State.ROLLED_BACK));
    }

    private void deliver(Held h) {
        Duration firstWait = schedule.delays().get(0);
        Duration wait = firstWait.isZero() ? Duration.ZERO : Duration.between(Times.now(), h.written.plus(firstWait));
        if (wait.isNegative() || wait.isZero()) {
            try {
                deliveries.attempt(h.message, h.written.toEpochMilli(), true);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Delivering the first attempts of event " + h.message.eventId()
                        + " failed; handed to the Deliveries queue, which tries again", e);
                wait = Duration.ZERO;
            }
        }
        try {
            queue.relay(List.of(new DeliveryQueue.Relayed(h.message, wait, h.written.toEpochMilli(), true)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot queue the first attempts of event " + h.message.eventId()
                    + "; they stay in the outbox until the server restarts", e);
        }
    }

    private enum State { OPEN, COMMITTED, ROLLED_BACK }

    /** A message held in a lane; its state changes once, from OPEN. */
    private static final class Held {
        final DeliveryMessage message;
        final Instant written;
        final Lane lane;
        volatile State state = State.OPEN;

        Held(DeliveryMessage message, Instant written, Lane lane) {
            this.message = message;
            this.written = written;
            this.lane = lane;
        }

        void resolve(State outcome) {
            state = outcome;
            lane.wake();
        }
    }

    /** One lane: its messages in order, delivered one at a time on its own thread. */
    private final class Lane implements Runnable {
        private final ArrayDeque<Held> queue = new ArrayDeque<>();
        private boolean running = true;
        Thread thread;

        synchronized void add(Held h) {
            queue.add(h);
            notifyAll();
        }

        synchronized void wake() {
            notifyAll();
        }

        synchronized void stop() {
            running = false;
            notifyAll();
        }

        @Override
        public void run() {
            while (true) {
                Held next;
                synchronized (this) {
                    while (running && (queue.isEmpty() || queue.peek().state == State.OPEN)) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // only stop() ends a lane; what it holds stays in the outbox for the next start
                        }
                    }
                    if (!running) {
                        return;
                    }
                    next = queue.poll();
                }
                if (next.state == State.COMMITTED) {
                    try {
                        deliver(next);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "Delivering event " + next.message.eventId() + " failed", e);
                    }
                }
            }
        }
    }
}
