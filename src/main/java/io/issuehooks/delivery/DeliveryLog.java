package io.issuehooks.delivery;

import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an attempt, the delivery's new state, the webhook's health and the message for the next attempt, all
 * in one transaction: for a delivery, the one that consumed the message that asked for the attempt, so that if
 * the server dies before it commits none of it happened and the broker hands the message out again.
 */
@ApplicationScoped
@Transactional
public class DeliveryLog {

    static final int MAX_ERROR = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    RetrySchedule schedule;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryQueue queue;

    /** An attempt that was made: when it started, what was sent, and what came back. */
    public record Sent(Instant startedAt, SignedRequest request, HttpOutcome outcome) {
    }

    /** Records the attempt; false when another copy of the message recorded it first. */
    public boolean record(DeliveryMessage message, Sent sent, boolean retries) {
        HttpOutcome outcome = sent.outcome();
        Instant now = Times.now();
        boolean gone = outcome.statusCode() == 410;
        Duration wait = outcome.success() || gone || !retries ? null
                : schedule.next(message.scheduleIndex() + 1, outcome.statusCode() == 0 ? null : outcome.statusCode(), outcome.retryAfter());
        DeliveryStatus status = outcome.success() ? DeliveryStatus.SUCCEEDED : wait == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        String error = StoredText.of(outcome.error() != null ? outcome.error()
                : outcome.success() ? null : "HTTP " + outcome.statusCode(), MAX_ERROR);
        int updated = em.createQuery("update Delivery d set d.attempts = d.attempts + 1, d.status = :status, "
                        + "d.lastStatus = :code, d.lastError = :error, d.nextAttemptAt = :next, d.updatedAt = :now "
                        + "where d.id = :id and d.attempts = :previous and d.status = :pending")
                .setParameter("status", status)
                .setParameter("code", outcome.statusCode() == 0 ? null : outcome.statusCode())
                .setParameter("error", error)
                .setParameter("next", wait == null ? null : now.plus(wait))
                .setParameter("now", now)
                .setParameter("id", message.deliveryId())
                .setParameter("previous", message.attempt() - 1)
                .setParameter("pending", DeliveryStatus.PENDING)
                .executeUpdate();
        if (updated == 0) {
            return false;
        }
        em.persist(new DeliveryAttempt(message.deliveryId(), message.attempt(), sent.startedAt(),
                (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()), outcome.statusCode() == 0 ? null : outcome.statusCode(),
                error, StoredText.of(outcome.responseExcerpt(), HttpOutcome.EXCERPT_LIMIT), sent.request().headersJson()));
        if (outcome.success()) {
            healthy(message.webhookId());
        } else if (gone) {
            disable(message.webhookId(), "The endpoint answered 410 Gone on " + Times.format(now));
        } else {
            failing(message.webhookId(), now);
        }
        if (wait != null) {
            queue.later(message.retry(), wait);
        }
        return true;
    }

    /** A delivery whose webhook is disabled: failed without an attempt, kept for replay. */
    public void abandon(DeliveryMessage message, String reason) {
        em.createQuery("update Delivery d set d.status = :failed, d.lastError = :error, d.nextAttemptAt = null, "
                        + "d.updatedAt = :now where d.id = :id and d.attempts = :previous and d.status = :pending")
                .setParameter("failed", DeliveryStatus.FAILED)
                .setParameter("error", StoredText.of(reason, MAX_ERROR))
                .setParameter("now", Times.now())
                .setParameter("id", message.deliveryId())
                .setParameter("previous", message.attempt() - 1)
                .setParameter("pending", DeliveryStatus.PENDING)
                .executeUpdate();
    }

    // The webhook's health changes with conditional updates: on the common path (healthy and staying so) they
    // match no row and take no lock, so concurrent deliveries to one webhook do not queue on its row.

    private void healthy(UUID webhookId) {
        em.createQuery("update Webhook w set w.failingSince = null where w.id = :id and w.failingSince is not null")
                .setParameter("id", webhookId).executeUpdate();
    }

    private void failing(UUID webhookId, Instant now) {
        em.createQuery("update Webhook w set w.failingSince = :now where w.id = :id and w.failingSince is null")
                .setParameter("now", now).setParameter("id", webhookId).executeUpdate();
        em.createQuery("update Webhook w set w.enabled = false, w.disabledReason = :reason, w.updatedAt = :now "
                        + "where w.id = :id and w.enabled = true and w.failingSince <= :threshold")
                .setParameter("reason", "Every delivery failed for " + describe(settings.disableAfter())
                        + " (last failure " + Times.format(now) + ")")
                .setParameter("now", now)
                .setParameter("id", webhookId)
                .setParameter("threshold", now.minus(settings.disableAfter()))
                .executeUpdate();
    }

    private void disable(UUID webhookId, String reason) {
        em.createQuery("update Webhook w set w.enabled = false, w.disabledReason = :reason, w.updatedAt = :now "
                        + "where w.id = :id and w.enabled = true")
                .setParameter("reason", reason).setParameter("now", Times.now()).setParameter("id", webhookId)
                .executeUpdate();
    }

    private static String describe(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + " days";
        }
        return d.toSeconds() + " seconds";
    }
}
