package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.delivery.store.DeliveryWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Commits the outcomes of delivery messages that finish at about the same time in one database transaction (a
 * group commit): each caller's outcomes are queued, and whichever caller finds no commit running takes everything
 * queued so far and commits it, while the others wait for theirs. Under load a commit then carries the outcomes of
 * every message that finished while the previous one ran; alone, a message's outcomes commit at once.
 *
 * <p>Every caller returns only once its own outcomes are committed, so its message is still acknowledged only
 * after that ({@link OutcomeRecorder}). If a group's commit fails, each caller's outcomes are committed again on
 * their own, so that one bad outcome fails only its own message. Two outcomes of one delivery (two copies of a
 * message) never share a commit: the later waits for the next, where the first one's recorded attempt makes it a
 * no-op, as it would if the two commits raced.
 */
@ApplicationScoped
public class GroupedOutcomeWriter {

    /**
     * The most outcomes one commit takes (a caller's own are never split): at nine parameters an attempt's row, the
     * commit's INSERT stays well below PostgreSQL's 32,767 parameters a statement, however many sessions deliver.
     */
    static final int MAX_OUTCOMES = 1000;

    @Inject
    DeliveryWriter writer;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    // One commit at a time: with up to four at once each took fewer outcomes, and at 400 events/s the machine spent
    // 7% more per event on the means (operations.md, "Group commit of outcomes").
    private boolean committing;

    /** One caller's outcomes and, once committed, what came of them. */
    private static final class Pending {
        final List<DeliveryWriter.Outcome> outcomes;
        final List<DeliveryOutbox.Key> delivered;
        boolean done;
        List<UUID> raised = List.of();
        RuntimeException failure;

        Pending(List<DeliveryWriter.Outcome> outcomes, List<DeliveryOutbox.Key> delivered) {
            this.outcomes = outcomes;
            this.delivered = delivered;
        }
    }

    /**
     * Records the outcomes in a transaction shared with the outcomes of other messages finishing now, and returns
     * the operational events this caller is to fan out (DeliveryWriter.record).
     */
    public List<UUID> record(List<DeliveryWriter.Outcome> outcomes) {
        return record(outcomes, List.of());
    }

    /** {@link #record(List)}, deleting in the same commit the outbox rows of the messages delivered without the relay. */
    public List<UUID> record(List<DeliveryWriter.Outcome> outcomes, List<DeliveryOutbox.Key> delivered) {
        Pending mine = new Pending(outcomes, delivered);
        boolean interrupted = false;
        try {
            synchronized (lock) {
                queue.add(mine);
            }
            while (true) {
                List<Pending> group;
                synchronized (lock) {
                    while (!mine.done && committing) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            // The outcomes may already be in the running commit: wait for it all the same.
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        break;
                    }
                    committing = true;
                    group = take();
                }
                try {
                    commit(group);
                } finally {
                    synchronized (lock) {
                        committing = false;
                        lock.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.raised;
    }

    /**
     * Everything queued, in order, up to {@link #MAX_OUTCOMES}; outcomes of a delivery already in the group wait for
     * the next commit.
     */
    private List<Pending> take() {
        List<Pending> group = new ArrayList<>();
        Set<UUID> deliveries = new HashSet<>();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (!group.isEmpty() && deliveries.size() + p.outcomes.size() > MAX_OUTCOMES) {
                break;
            }
            if (p.outcomes.stream().noneMatch(o -> deliveries.contains(o.attempt().deliveryId()))) {
                p.outcomes.forEach(o -> deliveries.add(o.attempt().deliveryId()));
                group.add(p);
                it.remove();
            }
        }
        return group;
    }

    private void commit(List<Pending> group) {
        try {
            List<DeliveryWriter.Outcome> all = new ArrayList<>();
            List<DeliveryOutbox.Key> delivered = new ArrayList<>();
            group.forEach(p -> {
                all.addAll(p.outcomes);
                delivered.addAll(p.delivered);
            });
            group.get(0).raised = writer.record(all, delivered).raised();
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).failure = e;
            } else {
                for (Pending p : group) {
                    try {
                        p.raised = writer.record(p.outcomes, p.delivered).raised();
                    } catch (RuntimeException alone) {
                        p.failure = alone;
                    }
                }
            }
        } catch (Error e) {
            group.forEach(p -> p.failure = new IllegalStateException("Cannot record delivery attempts", e));
            throw e;
        } finally {
            // Whatever happened, every caller of the group learns it; none waits for a commit that will not come.
            synchronized (lock) {
                group.forEach(p -> p.done = true);
            }
        }
    }
}
