package io.issuehooks.delivery.engine;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's relay ({@link DeliveryRelay}) on a thread of its own: it relays as soon as a transaction that wrote
 * to the outbox has committed here ({@link #wake}), and every {@link #IDLE} in any case, for what another server, a
 * crash or a failure left behind. It relays until the outbox is empty, so under load each transaction carries
 * the messages of every event committed while the one before it ran.
 *
 * <p>A relay starts at most once per relay interval (ISSUEHOOKS_RELAY_INTERVAL, 10 ms): a commit that comes sooner
 * after the last start waits for the rest of it, and the commits that come meanwhile ride along. Each relay is a
 * two-branched commit (the turn, the database with its marker, the broker's prepare and commit, their synchronous
 * writes); at 200 events/s, relaying at once made one for every 1.2 to 2 events, and the relay's thread had 14% of
 * the server's processor in a slow hour's profile. The interval bounds them at 100 a second, for up to 10 ms more
 * from commit to receipt; an event that comes alone, longer than the interval after the last, is relayed at once
 * (docs/operations.md, "The relay's interval"). A backlog is relayed in full batches one after the other, with no
 * wait.
 */
@ApplicationScoped
public class DeliveryRelayThread {

    static final Duration IDLE = Duration.ofSeconds(1);
    /** The thread's name: what a thread dump, and the crash tests' rules, know it by. */
    static final String NAME = "issuehooks-delivery-relay";
    private static final Logger LOG = Logger.getLogger(DeliveryRelayThread.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryRelay relay;

    @Inject
    DeliverySettings settings;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        running = true;
        thread = threads.newThread(this::run);
        thread.setName(NAME);
        thread.start();
    }

    /** Asks for a relay now; called after each commit that wrote to the outbox. */
    public void wake() {
        wakeUps.release();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wakeUps.release();
        if (thread != null) {
            thread.join(Duration.ofSeconds(10).toMillis()); // lets a batch under way commit or roll back
        }
    }

    private void run() {
        OnceAMinute warning = new OnceAMinute();
        long interval = settings.relayInterval().toNanos();
        long lastStart = System.nanoTime() - interval;
        while (running) {
            try {
                wakeUps.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                long early = lastStart + interval - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early); // the commits that come meanwhile ride along
                }
                wakeUps.drainPermits(); // one relay serves every commit before it
                lastStart = System.nanoTime();
                while (running && relayOnce()) {
                    // a full batch: more may wait
                }
            } catch (InterruptedException e) {
                // stop(), or something else (the transaction reaper cancelling a batch): only stop() ends the relay
                if (!running) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (Exception e) {
                // The database or the broker is away: the messages stay in the outbox until it is back. Exception,
                // not RuntimeException: when the transaction timeout rolled a batch back (a broker gone for longer
                // than it), the transaction interceptor throws the checked RollbackException undeclared, and a
                // relay thread that let it through ended for good (ClusterIT, the broker outage).
                if (warning.due()) {
                    LOG.log(Level.WARNING, "Cannot relay deliveries from the outbox to the queue; trying again every "
                            + IDLE.toSeconds() + " s (logged once a minute)", e);
                }
                pause();
            }
        }
    }

    private boolean relayOnce() {
        if (!relay.anythingToRelay()) {
            return false;
        }
        try (var turn = relay.takeTurn()) { // given back once the batch's transaction is over, not at its database commit
            return relay.relayOldest();
        } finally {
            relay.finished();
        }
    }

    private void pause() {
        try {
            Thread.sleep(IDLE.toMillis()); // not the wake-ups: while the broker is away, a retry per commit
        } catch (InterruptedException e) {
            // as in run(): only stop() ends the relay, and the loop's condition sees it
        }
    }
}
