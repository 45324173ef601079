package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.delivery.store.DeliveryStatus;
import io.issuehooks.delivery.store.DeliveryWriter;
import io.issuehooks.delivery.store.PlannedAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's rules, with a database writer that records what it was asked to commit (the commit itself is
 * DeliveryWriter's, exercised on PostgreSQL and H2 by every delivery test).
 */
class GroupedOutcomeWriterTest {

    private final RecordingWriter database = new RecordingWriter();
    private final GroupedOutcomeWriter grouped = new GroupedOutcomeWriter();
    private final List<Thread> callers = new ArrayList<>();

    GroupedOutcomeWriterTest() {
        grouped.writer = database;
    }

    @AfterEach
    void release() {
        database.hold.countDown();
        callers.forEach(Thread::interrupt);
    }

    @Test
    void outcomesThatFinishWhileACommitRunsShareTheNextCommit() throws Exception {
        List<DeliveryWriter.Outcome> first = outcomes(1);
        CompletableFuture<List<UUID>> lone = call(first);
        awaitCommits(1);
        List<CompletableFuture<List<UUID>>> queued = List.of(call(outcomes(2)), call(outcomes(1)), call(outcomes(3)));
        awaitWaiting(4);
        assertThat(queued).noneMatch(CompletableFuture::isDone);

        database.hold.countDown();

        for (CompletableFuture<List<UUID>> q : queued) {
            q.get(10, TimeUnit.SECONDS);
        }
        lone.get(10, TimeUnit.SECONDS);
        assertThat(database.commits).hasSize(2);
        assertThat(database.commits.get(0)).isEqualTo(first);
        assertThat(database.commits.get(1)).as("the three that waited, in one commit").hasSize(6);
    }

    @Test
    void aGroupThatFailsIsCommittedAgainCallerByCallerSoThatOnlyTheBadOutcomeFails() throws Exception {
        DeliveryWriter.Outcome bad = outcomes(1).get(0);
        database.failWhen = commit -> commit.contains(bad);
        CompletableFuture<List<UUID>> lone = call(outcomes(1));
        awaitCommits(1);
        CompletableFuture<List<UUID>> good = call(outcomes(2));
        CompletableFuture<List<UUID>> failing = call(List.of(bad));
        awaitWaiting(3);

        database.hold.countDown();

        good.get(10, TimeUnit.SECONDS);
        lone.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("cannot record");
        assertThat(database.committed()).as("what reached the database").hasSize(3).doesNotContain(bad);
    }

    @Test
    void twoOutcomesOfOneDeliveryNeverShareACommit() throws Exception {
        CompletableFuture<List<UUID>> lone = call(outcomes(1));
        awaitCommits(1);
        DeliveryWriter.Outcome copy = outcomes(1).get(0);
        List<CompletableFuture<List<UUID>>> queued = List.of(call(List.of(copy)), call(outcomes(1)), call(List.of(copy)));
        awaitWaiting(4);

        database.hold.countDown();

        for (CompletableFuture<List<UUID>> q : queued) {
            q.get(10, TimeUnit.SECONDS);
        }
        lone.get(10, TimeUnit.SECONDS);
        assertThat(database.commits).hasSize(3);
        assertThat(database.commits.subList(1, 3)).allSatisfy(c -> assertThat(c.stream().filter(copy::equals)).hasSize(1));
    }

    @Test
    void aCommitTakesAtMostAThousandOutcomesButNeverSplitsACallers() throws Exception {
        CompletableFuture<List<UUID>> lone = call(outcomes(1));
        awaitCommits(1);
        List<CompletableFuture<List<UUID>>> queued = List.of(call(outcomes(600)), call(outcomes(600)), call(outcomes(1200)));
        awaitWaiting(4);

        database.hold.countDown();

        for (CompletableFuture<List<UUID>> q : queued) {
            q.get(10, TimeUnit.SECONDS);
        }
        lone.get(10, TimeUnit.SECONDS);
        assertThat(database.commits).extracting(List::size).containsExactlyInAnyOrder(1, 600, 600, 1200);
    }

    @Test
    void theOutboxRowsOfMessagesDeliveredDirectlyAreDeletedInTheCommitOfTheirOutcomes() throws Exception {
        CompletableFuture<List<UUID>> lone = call(outcomes(1));
        awaitCommits(1);
        DeliveryOutbox.Key a = new DeliveryOutbox.Key(UUID.randomUUID(), "a");
        DeliveryOutbox.Key b = new DeliveryOutbox.Key(UUID.randomUUID(), "b");
        List<CompletableFuture<List<UUID>>> queued = List.of(call(outcomes(1), a), call(outcomes(2)), call(outcomes(1), b));
        awaitWaiting(4);

        database.hold.countDown();

        for (CompletableFuture<List<UUID>> q : queued) {
            q.get(10, TimeUnit.SECONDS);
        }
        lone.get(10, TimeUnit.SECONDS);
        assertThat(database.rowsDeleted).containsExactly(List.of(), List.of(a, b));
    }

    private CompletableFuture<List<UUID>> call(List<DeliveryWriter.Outcome> outcomes, DeliveryOutbox.Key... rows) {
        CompletableFuture<List<UUID>> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(grouped.record(outcomes, List.of(rows)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        callers.add(t);
        t.start();
        return result;
    }

    /** Until this many commits have begun (the first of them is held until the test lets it go). */
    private void awaitCommits(int n) throws InterruptedException {
        awaitUntil(() -> database.started.size() >= n, "commit " + n + " began");
    }

    /** Until this many callers are blocked: one in the held commit, the others waiting for theirs. */
    private void awaitWaiting(int n) throws InterruptedException {
        awaitUntil(() -> callers.stream().map(Thread::getState)
                .filter(s -> s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING).count() == n, n + " callers waiting");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for: " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static List<DeliveryWriter.Outcome> outcomes(int n) {
        List<DeliveryWriter.Outcome> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new DeliveryWriter.Outcome(new PlannedAttempt(UUID.randomUUID(), UUID.randomUUID(), 1, 0), DeliveryStatus.SUCCEEDED,
                    200, null, null, Instant.now(), 5, "", "{}", null));
        }
        return list;
    }

    /** Records each commit it is asked for; holds the first until released, and fails those {@code failWhen} says. */
    private static final class RecordingWriter extends DeliveryWriter {
        final CountDownLatch hold = new CountDownLatch(1);
        final List<List<Outcome>> started = new CopyOnWriteArrayList<>();
        final List<List<Outcome>> commits = new CopyOnWriteArrayList<>();
        volatile Predicate<List<Outcome>> failWhen = c -> false;

        final List<List<DeliveryOutbox.Key>> rowsDeleted = new CopyOnWriteArrayList<>();

        @Override
        public Recorded record(List<Outcome> outcomes, List<DeliveryOutbox.Key> done) {
            started.add(List.copyOf(outcomes));
            if (started.size() == 1) {
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failWhen.test(outcomes)) {
                throw new IllegalStateException("cannot record");
            }
            commits.add(List.copyOf(outcomes));
            rowsDeleted.add(List.copyOf(done));
            return new Recorded(Set.of(), List.of());
        }

        List<Outcome> committed() {
            return commits.stream().flatMap(List::stream).toList();
        }
    }
}
