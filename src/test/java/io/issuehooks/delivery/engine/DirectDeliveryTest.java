package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.PlannedAttempt;
import io.issuehooks.platform.Times;
import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.PlainThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lanes of direct delivery: an issue's messages are delivered in the order their transactions queued them,
 * whichever transaction's outcome is known first; a rolled-back transaction's messages never; a message that cannot
 * be delivered here (or must wait) goes to the queue with its outbox row still to be deleted.
 */
class DirectDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<DeliveryQueue.Relayed> queued = new CopyOnWriteArrayList<>();
    /** The outcomes the test had made known, read as each message was delivered. */
    private final List<String> outcomesKnown = new CopyOnWriteArrayList<>();
    private final List<List<String>> knownWhenDelivered = new CopyOnWriteArrayList<>();
    private DirectDelivery direct;

    @AfterEach
    void stop() throws InterruptedException {
        direct.stop();
    }

    @Test
    void anIssuesMessagesAreDeliveredInTheOrderTheyWereQueuedWhicheverCommitIsHeardOfFirst() throws InterruptedException {
        direct = started(Duration.ZERO, null);
        Consumer<Boolean> first = direct.hold(List.of(message("issue-1", "first")), Times.now());
        Consumer<Boolean> second = direct.hold(List.of(message("issue-1", "second")), Times.now());

        second.accept(true); // the later transaction's outcome is heard of first: it waits behind the earlier one
        Thread.sleep(300); // time for a lane that would not wait to deliver it first
        first.accept(true);

        Await.until(() -> delivered.size() == 2, WAIT, "both delivered");
        assertThat(delivered).containsExactly("first", "second");
    }

    @Test
    void aLaneWaitsForTheOutcomeOfItsFirstMessageAndDropsARolledBackOne() throws InterruptedException {
        direct = started(Duration.ZERO, null);
        Consumer<Boolean> rolledBack = direct.hold(List.of(message("issue-2", "rolled back")), Times.now());
        Consumer<Boolean> committed = direct.hold(List.of(message("issue-2", "committed")), Times.now());
        committed.accept(true);
        // No signal tells that a lane chose to wait; a pause gives a lane that would not wait the time to deliver.
        Thread.sleep(300);
        outcomesKnown.add("rolled back");
        rolledBack.accept(false);

        Await.until(() -> delivered.size() == 1, WAIT, "the committed one delivered");
        assertThat(delivered).containsExactly("committed");
        assertThat(knownWhenDelivered).as("delivered only once the earlier transaction's outcome was known")
                .containsExactly(List.of("rolled back"));
        assertThat(queued).isEmpty();
    }

    @Test
    void aMessageWhoseDeliveryFailsHereGoesToTheQueueWithItsOutboxRow() {
        direct = started(Duration.ZERO, new IllegalStateException("the database is away"));
        Instant written = Times.now();
        direct.hold(List.of(message("issue-3", "failed")), written).accept(true);

        Await.until(() -> queued.size() == 1, WAIT, "handed to the queue");
        DeliveryQueue.Relayed r = queued.get(0);
        assertThat(r.message().payload()).isEqualTo("failed");
        assertThat(r.inOutbox()).as("its row is deleted with its outcome").isTrue();
        assertThat(r.delay()).isZero();
        assertThat(r.committedAt()).isEqualTo(written.toEpochMilli());
    }

    @Test
    void aFirstAttemptThatMustWaitGoesToTheQueueWithWhatIsLeftOfTheWait() {
        direct = started(Duration.ofSeconds(30), null);
        direct.hold(List.of(message("issue-4", "later")), Times.now()).accept(true);

        Await.until(() -> queued.size() == 1, WAIT, "handed to the queue");
        assertThat(delivered).isEmpty();
        assertThat(queued.get(0).delay()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
        assertThat(queued.get(0).inOutbox()).isTrue();
    }

    private DirectDelivery started(Duration firstWait, RuntimeException failure) {
        DirectDelivery d = new DirectDelivery();
        d.threads = new PlainThreads();
        d.settings = new DeliverySettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofDays(5), 4, 8, 8,
                "Issuehooks/test", null, Duration.ofMillis(10), true, "issuehooks-test");
        d.schedule = new RetrySchedule(List.of(firstWait, Duration.ofSeconds(5)), Duration.ofHours(1));
        d.deliveries = new DeliveryService() {
            @Override
            public void attempt(DeliveryMessage message, long queuedAtMillis, boolean inOutbox) {
                if (failure != null) {
                    throw failure;
                }
                assertThat(inOutbox).isTrue();
                knownWhenDelivered.add(List.copyOf(outcomesKnown));
                delivered.add(message.payload());
            }
        };
        d.queue = new DeliveryQueue() {
            @Override
            public void relay(List<Relayed> messages) {
                queued.addAll(messages);
            }
        };
        d.run = new DirectDeliveryRun() { // its lease is the database's (SharedDatabaseIT)
            @Override
            void begin() {
            }

            @Override
            void end() {
            }
        };
        d.start(null);
        return d;
    }

    /** A message in the issue's group, its payload the name the test knows it by. */
    private static DeliveryMessage message(String issue, String name) {
        return DeliveryMessage.batch(UUID.randomUUID(), issue, name, List.of(new PlannedAttempt(UUID.randomUUID(), UUID.randomUUID(), 1, 0)));
    }
}
