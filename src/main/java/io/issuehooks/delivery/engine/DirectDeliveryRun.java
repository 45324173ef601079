package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryRuns;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's run of direct delivery, as the other servers on its database see it: the run that marks the outbox
 * rows it will deliver itself, and a thread that renews the run's lease every {@link DeliveryRuns#RENEW_SECONDS}.
 * While the lease holds, no other server's relay sends those rows, which would deliver them a second time (a server
 * that starts relays every row of a run that is not alive); once the run ends or its lease runs out (a crash), any
 * relay does. Begun and ended by {@link DirectDelivery}, so that the run ends only after its lanes have stopped.
 */
@ApplicationScoped
public class DirectDeliveryRun {

    static final String NAME = "issuehooks-delivery-run";
    private static final Logger LOG = Logger.getLogger(DirectDeliveryRun.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryRuns runs;

    @Inject
    DeliverySettings settings;

    private final UUID id = UUID.randomUUID();
    private volatile boolean running;
    private Thread thread;

    /** The run's id, which the rows it writes to the outbox carry. */
    UUID id() {
        return id;
    }

    void begin() {
        runs.begin(id, settings.nodeId()); // a node's new run replaces its earlier ones at once
        running = true;
        thread = threads.newThread(this::renew);
        thread.setName(NAME);
        thread.start();
    }

    /** Ends the run; if the database cannot be told, the lease runs out instead. */
    void end() throws InterruptedException {
        running = false;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
        try {
            runs.end(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot end this server's run of direct delivery; other servers relay what it left "
                    + "once its lease of " + DeliveryRuns.LEASE_SECONDS + " s has run out", e);
        }
    }

    private void renew() {
        OnceAMinute warning = new OnceAMinute();
        while (running) {
            try {
                Thread.sleep(Duration.ofSeconds(DeliveryRuns.RENEW_SECONDS).toMillis());
                runs.renew(id, settings.nodeId());
            } catch (InterruptedException e) {
                // end(), which the loop's condition sees
            } catch (RuntimeException e) {
                if (warning.due()) {
                    LOG.log(Level.WARNING, "Cannot renew this server's run of direct delivery (logged once a minute); after "
                            + DeliveryRuns.LEASE_SECONDS + " s other servers may relay first attempts it is making", e);
                }
            }
        }
    }
}
