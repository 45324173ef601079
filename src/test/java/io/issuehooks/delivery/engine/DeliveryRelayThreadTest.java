package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.DeliveryOutbox;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.RollbackException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The relay's thread outlives whatever a batch throws. A batch that outlived the transaction timeout (a broker gone
 * for longer than it) ends in the checked {@link RollbackException}, which the transaction interceptor throws
 * undeclared; a thread that let it through stopped relaying for good.
 */
class DeliveryRelayThreadTest {

    @Test
    void aBatchRolledBackByTheTransactionTimeoutDoesNotEndTheRelay() throws Exception {
        CountDownLatch triedAgain = new CountDownLatch(2);
        AtomicInteger batches = new AtomicInteger();
        DeliveryRelayThread relayThread = new DeliveryRelayThread();
        relayThread.threads = new PlainThreads();
        relayThread.relay = new DeliveryRelay() {
            @Override
            public DeliveryOutbox.Turn takeTurn() {
                return () -> { };
            }

            @Override
            public boolean relayOldest() {
                triedAgain.countDown();
                if (batches.incrementAndGet() == 1) {
                    throwUndeclared(new RollbackException("ARJUNA016102: The transaction is not active!"));
                }
                return false;
            }
        };

        relayThread.start(null);
        relayThread.wake();
        try {
            assertThat(triedAgain.await(30, TimeUnit.SECONDS)).as("the relay tried again after the rolled-back batch").isTrue();
        } finally {
            relayThread.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUndeclared(Throwable e) throws E {
        throw (E) e;
    }

    private static final class PlainThreads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task);
            t.setDaemon(true);
            return t;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }
}
