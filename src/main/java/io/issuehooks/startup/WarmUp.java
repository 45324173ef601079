package io.issuehooks.startup;

import io.issuehooks.delivery.engine.AttemptRehearsal;
import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.Durations;
import io.issuehooks.platform.WarmUpGate;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Warms a freshly started server before it reports ready. A JVM runs new code interpreted until its JIT has
 * compiled it, and on a small machine that takes minutes of CPU: a cold node behind a load balancer falls seconds
 * behind in its first minute (docs/operations.md, "A freshly started server"). So for {@code ISSUEHOOKS_WARMUP}
 * after the start, /api/health and /health/ready answer 503 while a few workers run the event's path with no
 * effect: API calls over loopback that record an issue in a transaction rolled back before the answer
 * ({@link LoopbackRequests}, {@link RolledBackRequestFilter}), whole changes with a webhook in transactions that
 * roll back ({@link RolledBackChange}), messages through the broker to the delivery consumers about deliveries
 * that do not exist ({@link UnknownDeliveryMessages}), and signed attempts sent to the server's own listener,
 * their outcomes recorded against no delivery ({@link RehearsedAttempts}). Then the pass is void, the attempts'
 * client closed, and the gate opens.
 */
@ApplicationScoped
public class WarmUp {

    static final String SETTING = "issuehooks.warmup";
    static final Duration DEFAULT = Duration.ofSeconds(60);
    /** Enough to keep two cores busy: each worker waits on the server's own threads and the database half the time. */
    static final int WORKERS = 4;
    /** A task runs this long, then hands over to a new one: no task looks hung to the executor. */
    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());

    @Inject
    Config config;

    @Inject
    WarmUpGate gate;

    @Inject
    RolledBackChange change;

    @Inject
    WarmUpPass pass;

    @Inject
    UnknownDeliveryMessages messages;

    @Inject
    AttemptRehearsal rehearsal;

    @Resource
    ManagedExecutorService executor;

    private volatile boolean stopping;
    private final Tally changes = new Tally("Warm-up: a rolled-back change failed; warming up with what works");
    private final Tally calls = new Tally("Warm-up: an API call over loopback failed; warming up with what works");
    private final Tally batches = new Tally("Warm-up: messages to the delivery consumers could not be sent; warming up with what works");
    private final Tally attempts = new Tally("Warm-up: a rehearsed delivery attempt failed; warming up with what works");
    private volatile RehearsedAttempts rehearsed;
    private final AtomicInteger working = new AtomicInteger();

    public static Duration length(Config config) {
        return ConfigValues.duration(config, SETTING).orElse(DEFAULT);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Duration length = length(config);
        if (length.isZero()) {
            return;
        }
        gate.hold("The server is warming up for " + Durations.format(length) + " after its start ("
                + ConfigValues.environmentVariable(SETTING) + "); it is ready after that");
        long deadline = System.nanoTime() + length.toNanos();
        URI own = LoopbackRequests.ownAddress();
        LoopbackRequests requests = new LoopbackRequests(own, pass.issue());
        rehearsed = new RehearsedAttempts(rehearsal, own);
        working.set(WORKERS);
        for (int i = 0; i < WORKERS; i++) {
            executor.execute(() -> slice(deadline, requests));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        pass.revoke();
        closeClient();
    }

    private void closeClient() {
        RehearsedAttempts client = rehearsed;
        rehearsed = null;
        if (client != null) {
            client.close();
        }
    }

    private void slice(long deadline, LoopbackRequests requests) {
        long end = Math.min(deadline, System.nanoTime() + SLICE_NANOS);
        while (!stopping && System.nanoTime() - end < 0) {
            once(requests);
        }
        if (!stopping && System.nanoTime() - deadline < 0) {
            executor.execute(() -> slice(deadline, requests));
        } else if (working.decrementAndGet() == 0) {
            pass.revoke();
            closeClient();
            gate.open();
            LOG.info(() -> String.format("Warm-up done: %d changes made and rolled back (%d failed), %d API calls answered "
                    + "over loopback and rolled back (%d not: before the deployment, or no answer), %d batches of messages "
                    + "about no delivery sent (%d failed), %d signed attempts sent to the server's own listener, their outcomes "
                    + "recorded against no delivery (%d not answered); the server reports ready",
                    changes.done.get(), changes.failed.get(), calls.done.get(), calls.failed.get(),
                    batches.done.get(), batches.failed.get(), attempts.done.get(), attempts.failed.get()));
        }
    }

    private void once(LoopbackRequests requests) {
        changes.count(() -> {
            change.makeAndRollBack();
            return true;
        });
        calls.count(requests::created);
        batches.count(() -> {
            messages.send();
            return true;
        });
        RehearsedAttempts client = rehearsed;
        if (client != null) {
            attempts.count(client::answered);
        }
    }

    /** One kind of the warm-up's work: what was done, what was not, and the first failure's warning. */
    private static final class Tally {

        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final String warning;

        /** {@code warning}: logged with the first exception; work that answers false is counted failed quietly. */
        Tally(String warning) {
            this.warning = warning;
        }

        void count(Callable<Boolean> work) {
            try {
                (work.call() ? done : failed).incrementAndGet();
            } catch (Exception e) {
                // Only the first: a database that is down makes every try fail, and readiness reports that by itself.
                if (failed.getAndIncrement() == 0) {
                    LOG.log(Level.WARNING, warning, e);
                }
            }
        }
    }
}
