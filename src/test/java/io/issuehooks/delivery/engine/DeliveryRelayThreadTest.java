package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.PlainThreads;
import jakarta.transaction.RollbackException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The relay's thread outlives whatever a batch throws. A batch that outlived the transaction timeout (a broker gone
 * for longer than it) ends in the checked {@link RollbackException}, which the transaction interceptor throws
 * undeclared; a thread that let it through stopped relaying for good. Commits that come within the relay interval
 * of a relay's start are relayed together, by the next one.
 */
class DeliveryRelayThreadTest {

    @Test
    void aBatchRolledBackByTheTransactionTimeoutDoesNotEndTheRelay() throws Exception {
        CountDownLatch triedAgain = new CountDownLatch(2);
        AtomicInteger batches = new AtomicInteger();
        DeliveryRelayThread relayThread = relayThread(Duration.ZERO, () -> {
            triedAgain.countDown();
            if (batches.incrementAndGet() == 1) {
                throwUndeclared(new RollbackException("ARJUNA016102: The transaction is not active!"));
            }
            return false;
        });

        relayThread.start(null);
        relayThread.wake();
        try {
            assertThat(triedAgain.await(30, TimeUnit.SECONDS)).as("the relay tried again after the rolled-back batch").isTrue();
        } finally {
            relayThread.stop();
        }
    }

    @Test
    void commitsWithinTheIntervalOfARelaysStartRideAlongWithTheNextOne() throws Exception {
        List<Long> starts = new CopyOnWriteArrayList<>();
        AtomicReference<DeliveryRelayThread> self = new AtomicReference<>();
        DeliveryRelayThread relayThread = relayThread(Duration.ofMillis(300), () -> {
            starts.add(System.nanoTime());
            if (starts.size() == 1) {
                for (int i = 0; i < 20; i++) {
                    self.get().wake(); // twenty commits while the first relay runs
                }
            }
            return false;
        });
        self.set(relayThread);

        relayThread.start(null);
        try {
            relayThread.wake();
            // Then the relay that waits for no wake-up, the idle one (DeliveryRelayThread.IDLE, 1 s): a third relay
            // sooner would be one of the twenty commits relayed on its own.
            Await.until(() -> starts.size() >= 3, Duration.ofSeconds(30), "three relays started");
            // The starts are read inside the batches, a moment after the relay's own clock reading; the first batch
            // also loads its classes, and on a busy CI machine its reading came 16 ms late (284 ms between the two),
            // so the bound is half the interval. Without the interval the second relay would start within a
            // millisecond or two of the first batch's end.
            assertThat(millis(starts.get(1) - starts.get(0))).as("the second relay waited for the interval").isGreaterThanOrEqualTo(150);
            assertThat(millis(starts.get(2) - starts.get(1))).as("the twenty commits took one relay").isGreaterThanOrEqualTo(900);
        } finally {
            relayThread.stop();
        }
    }

    /** A relay thread whose batches are {@code batch}, with no turn to take, started at most once per interval. */
    private static DeliveryRelayThread relayThread(Duration interval, BooleanSupplier batch) {
        DeliveryRelayThread relayThread = new DeliveryRelayThread();
        relayThread.threads = new PlainThreads();
        relayThread.settings = new DeliverySettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofDays(5), 32, 64, 8,
                "Issuehooks/test", null, interval, false, "issuehooks-test");
        relayThread.relay = new DeliveryRelay() {
            @Override
            public DeliveryOutbox.Turn takeTurn() {
                return () -> { };
            }

            @Override
            public boolean relayOldest() {
                return batch.getAsBoolean();
            }
        };
        return relayThread;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUndeclared(Throwable e) throws E {
        throw (E) e;
    }
}
