package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.delivery.store.DeliveryReader;
import io.issuehooks.delivery.store.DeliveryStatus;
import io.issuehooks.delivery.store.DeliveryWriter;
import io.issuehooks.delivery.store.PlannedAttempt;
import io.issuehooks.delivery.store.StoredText;
import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the attempts a delivery message asked for, the deliveries' new state and the webhooks' health, and
 * queues the next attempts, without a distributed transaction: the delivery row is the truth.
 *
 * <p>The order is what makes it safe. (1) The messages for the next attempts are queued first, each on its own.
 * (2) The outcomes are committed in one local database transaction, each only if its delivery still waits for
 * that attempt; the transaction may also hold the outcomes of other messages ({@link GroupedOutcomeWriter}).
 * (3) Only then, when the message listener returns, is the message that asked for the attempts acknowledged. If
 * the server dies between (1) and (2), the message is handed out again, the attempts are made again (same
 * webhook-id) and recorded, and the next-attempt messages queued early find their delivery not yet
 * at their attempt and wait (DeliveryService); between (2) and (3), the message is handed out again and finds
 * its attempts recorded, so it does nothing, and the next attempts are already queued.
 *
 * <p>Operational events the outcomes raise are written in (2) with an outbox row, and fanned out after it
 * ({@link PendingFanOutService}); if the server dies in between, the sweeper fans them out after the restart.
 */
@ApplicationScoped
public class OutcomeRecorder {

    static final int MAX_ERROR = 1000;

    @Inject
    RetrySchedule schedule;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryWriter writer;

    @Inject
    PendingFanOutService pendingFanOut;

    @Inject
    GroupedOutcomeWriter grouped;

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class.getName());

    /** An attempt that was made: to which delivery, when, what was sent, and what came back. */
    public record Sent(PlannedAttempt attempt, DeliveryReader.Target target, Instant startedAt,
            SignedRequest request, HttpOutcome outcome) {
    }

    /**
     * Records the attempts a message asked for; those another copy of the message recorded first are skipped. A
     * failure schedules the next attempt, and every outcome counts for its webhook's health. {@code rows}: the
     * message's outbox row if it was delivered without the relay (else none), deleted in the outcomes' commit, so
     * that it is relayed after a restart only if its outcomes were not recorded. Must be called outside any JTA
     * transaction.
     */
    public void recordAttempts(DeliveryMessage message, List<Sent> attempts, List<DeliveryOutbox.Key> rows) {
        record(message, attempts, true, true, rows);
    }

    /** Records a test event's one attempt: never retried, and no count for the webhook's health. */
    public void recordTest(DeliveryMessage message, Sent attempt) {
        record(message, List.of(attempt), false, false, List.of());
    }

    private void record(DeliveryMessage message, List<Sent> attempts, boolean retries, boolean health, List<DeliveryOutbox.Key> rows) {
        Instant now = Times.now();
        List<DeliveryWriter.Outcome> outcomes = new ArrayList<>();
        for (Sent sent : attempts) {
            DeliveryWriter.Outcome outcome = outcome(sent, now, retries, health);
            outcomes.add(outcome);
            if (outcome.next() != null) {
                queue.send(List.of(message.retry(sent.attempt())), Duration.between(now, outcome.next()));
            }
        }
        // A message's outcomes share a commit with those of the messages finishing at the same time; a test event's
        // one outcome commits on its own.
        fanOut(health ? grouped.record(outcomes, rows) : writer.record(outcomes).raised());
    }

    /**
     * What is recorded of an attempt: its delivery's new state ({@code next}: when the next attempt is due, null if
     * none) and the attempt's row, with what it says about its webhook's health when {@code health}.
     */
    DeliveryWriter.Outcome outcome(Sent sent, Instant now, boolean retries, boolean health) {
        HttpOutcome outcome = sent.outcome();
        Integer code = outcome.statusCode() == 0 ? null : outcome.statusCode();
        Duration wait = nextWait(outcome, retries, schedule, sent.attempt().scheduleIndex());
        String error = StoredText.of(outcome.error() != null ? outcome.error() : outcome.success() ? null : "HTTP " + code, MAX_ERROR);
        return new DeliveryWriter.Outcome(sent.attempt(), status(outcome, wait), code, error, wait == null ? null : now.plus(wait),
                sent.startedAt(), outcome.durationMillis(), StoredText.of(outcome.responseExcerpt(), HttpOutcome.EXCERPT_LIMIT),
                sent.request().headersJson(), health ? health(sent, now) : null);
    }

    /**
     * The operational events the outcomes raised, each fanned out in a transaction of its own right after the
     * outcomes' commit. A failure here loses nothing: the event stays in the outbox and the sweeper fans it out.
     */
    private void fanOut(List<java.util.UUID> raised) {
        for (java.util.UUID id : raised) {
            try {
                pendingFanOut.fanOut(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Operational event " + id + " is left to the sweeper: its fan-out failed", e);
            }
        }
    }

    /**
     * The wait before the next attempt after this outcome of the attempt at {@code scheduleIndex}, or null: none
     * after a 2xx, a 410 Gone (the endpoint says it is gone for good), when no retries are wanted (a test event),
     * or at the schedule's end. A 429 or 503 with {@code Retry-After} waits at least that long (capped).
     */
    static Duration nextWait(HttpOutcome outcome, boolean retries, RetrySchedule schedule, int scheduleIndex) {
        if (outcome.success() || outcome.statusCode() == 410 || !retries) {
            return null;
        }
        return schedule.next(scheduleIndex + 1, outcome.statusCode() == 0 ? null : outcome.statusCode(), outcome.retryAfter());
    }

    /** A 2xx succeeds; a failure with a next attempt stays pending; one without fails. */
    static DeliveryStatus status(HttpOutcome outcome, Duration nextWait) {
        return outcome.success() ? DeliveryStatus.SUCCEEDED : nextWait == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
    }

    private DeliveryWriter.Health health(Sent sent, Instant now) {
        HttpOutcome outcome = sent.outcome();
        if (outcome.success()) {
            return sent.target().failing() ? new DeliveryWriter.Health(DeliveryWriter.Health.Kind.HEALTHY, null, null) : null;
        }
        if (outcome.statusCode() == 410) {
            return new DeliveryWriter.Health(DeliveryWriter.Health.Kind.GONE, null, "The endpoint answered 410 Gone on " + Times.format(now));
        }
        return new DeliveryWriter.Health(DeliveryWriter.Health.Kind.FAILING, now.minus(settings.disableAfter()), "Every delivery failed for "
                + describe(settings.disableAfter()) + " (last failure " + Times.format(now) + ")");
    }

    /** A delivery whose webhook is disabled: failed without an attempt, kept for replay. */
    public void abandon(PlannedAttempt attempt, String reason) {
        writer.abandon(attempt, StoredText.of(reason, MAX_ERROR));
    }

    /** "5 days", as the reason shown on a disabled webhook reads; short test settings read "8 seconds". */
    private static String describe(Duration d) {
        return d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays())) ? d.toDays() + " days" : d.toSeconds() + " seconds";
    }
}
