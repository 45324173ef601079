package io.issuehooks.delivery;

import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records attempts, the deliveries' new state, the webhooks' health and the messages for the next attempts, all
 * in one transaction: for deliveries, the one that consumed the message that asked for the attempts, so that if
 * the server dies before it commits none of it happened and the broker hands the message out again.
 */
@ApplicationScoped
@Transactional
public class DeliveryLog {

    static final int MAX_ERROR = 1000;

    @Inject
    RetrySchedule schedule;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryStore store;

    /** An attempt that was made: to which delivery, when, what was sent, and what came back. */
    public record Sent(DeliveryMessage.Attempt attempt, DeliveryStore.Target target, Instant startedAt,
            SignedRequest request, HttpOutcome outcome) {
    }

    /**
     * Records the attempts a message asked for; those another copy of the message recorded first are skipped.
     * {@code retries}: whether a failure schedules the next attempt; {@code health}: whether outcomes count for
     * the webhook's health (a test event's do not).
     */
    public void record(DeliveryMessage message, List<Sent> attempts, boolean retries, boolean health) {
        Instant now = Times.now();
        List<DeliveryStore.Outcome> outcomes = new ArrayList<>();
        for (Sent sent : attempts) {
            HttpOutcome outcome = sent.outcome();
            Integer code = outcome.statusCode() == 0 ? null : outcome.statusCode();
            Duration wait = outcome.success() || outcome.statusCode() == 410 || !retries ? null
                    : schedule.next(sent.attempt().scheduleIndex() + 1, code, outcome.retryAfter());
            DeliveryStatus status = outcome.success() ? DeliveryStatus.SUCCEEDED : wait == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
            String error = StoredText.of(outcome.error() != null ? outcome.error() : outcome.success() ? null : "HTTP " + code, MAX_ERROR);
            outcomes.add(new DeliveryStore.Outcome(sent.attempt(), status, code, error, wait == null ? null : now.plus(wait),
                    sent.startedAt(), outcome.durationMillis(), StoredText.of(outcome.responseExcerpt(), HttpOutcome.EXCERPT_LIMIT),
                    sent.request().headersJson()));
        }
        Set<UUID> recorded = store.record(outcomes);
        for (int i = 0; i < attempts.size(); i++) {
            DeliveryStore.Outcome o = outcomes.get(i);
            if (!recorded.contains(o.attempt().deliveryId())) {
                continue; // another copy of the message recorded this attempt first
            }
            if (health) {
                health(attempts.get(i), now);
            }
            if (o.next() != null) {
                queue.send(List.of(message.retry(o.attempt())), Duration.between(now, o.next()));
            }
        }
    }

    private void health(Sent sent, Instant now) {
        HttpOutcome outcome = sent.outcome();
        if (outcome.success()) {
            if (sent.target().failing()) {
                store.healthy(sent.attempt().webhookId());
            }
        } else if (outcome.statusCode() == 410) {
            store.disable(sent.attempt().webhookId(), "The endpoint answered 410 Gone on " + Times.format(now));
        } else {
            store.failing(sent.attempt().webhookId(), now, now.minus(settings.disableAfter()), "Every delivery failed for "
                    + describe(settings.disableAfter()) + " (last failure " + Times.format(now) + ")");
        }
    }

    /** A delivery whose webhook is disabled: failed without an attempt, kept for replay. */
    public void abandon(DeliveryMessage.Attempt attempt, String reason) {
        store.abandon(attempt, StoredText.of(reason, MAX_ERROR));
    }

    /** "5 days", as the reason shown on a disabled webhook reads; short test settings read "8 seconds". */
    private static String describe(Duration d) {
        return d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays())) ? d.toDays() + " days" : d.toSeconds() + " seconds";
    }
}
