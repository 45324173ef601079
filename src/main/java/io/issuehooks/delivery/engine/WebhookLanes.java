package io.issuehooks.delivery.engine;

import io.issuehooks.outbound.HttpOutcome;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's traffic to each webhook: how long it takes to answer, how many of its attempts are under way, its
 * optional rate limit (requests per second, evenly spaced turns), and a pause after it answered 429 or 503. A
 * webhook that answers in more than {@value #SLOW_MILLIS} ms on average is <em>slow</em>: it gets at most
 * {@code ISSUEHOOKS_WEBHOOK_CONCURRENCY} attempts under way at once. An attempt beyond its limit, its rate or
 * during its pause is not made now but deferred (DeliveryService queues it again for later, not counting it as an
 * attempt), so a slow or rate-limited endpoint occupies a bounded share of the delivery sessions and is never
 * flooded, and the other webhooks' deliveries pass it. A slow or paused webhook is also given messages of its own
 * at fan-out, like a failing one, so that it holds back no batch. A fast webhook is never held back, however
 * many deliveries it gets: deferring would cost it its per-issue order. State is per node and kept in memory:
 * with N nodes a webhook gets up to N times the concurrency, and its rate limit applies on each node.
 */
public final class WebhookLanes {

    /** An endpoint slower than this on average travels apart from the healthy webhooks' batches. */
    static final long SLOW_MILLIS = 1000;
    /** How long a 429 or 503 without Retry-After pauses the webhook. */
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
    /** The shortest deferral: the broker's scheduled delivery is not worth less. */
    static final Duration MIN_DEFERRAL = Duration.ofMillis(100);

    private final int concurrency;
    private final Duration pauseCap;
    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();

    public WebhookLanes(int concurrency, Duration pauseCap) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the per-webhook concurrency must be at least 1");
        }
        this.concurrency = concurrency;
        this.pauseCap = pauseCap;
    }

    /** Whether an attempt may be made now, and if not, how long to wait and whether that wait is its paced turn. */
    public record Admission(Duration delay, boolean paced) {

        static final Admission NOW = new Admission(null, false);

        public boolean admitted() {
            return delay == null;
        }
    }

    /**
     * Takes a place for one attempt to the webhook now, or says how long to wait before asking again. With a rate
     * limit (requests per second, or null for none), a deferred attempt is given a turn of its own: the wait ends at
     * it, and when it comes back {@code paced} it is not held to the rate again. A place taken must be given back
     * with {@link #release}.
     */
    public Admission admit(UUID webhookId, Integer rateLimit, boolean paced, long nowNanos) {
        Lane lane = lanes.computeIfAbsent(webhookId, id -> new Lane());
        synchronized (lane) {
            if (lane.pausedUntil - nowNanos > 0) {
                return new Admission(atLeastMinimum(lane.pausedUntil - nowNanos), false);
            }
            if (lane.inFlight >= concurrency && slow(lane)) {
                // A place frees when an attempt ends: ask again about as soon as one usually does.
                return new Admission(atLeastMinimum(lane.averageNanos), paced);
            }
            if (rateLimit != null && !paced) {
                // Evenly spaced turns, no bursts: at most rateLimit + 1 requests fall in any one second. A turn in the
                // future is reserved for the attempt that has to wait for it.
                long interval = 1_000_000_000L / rateLimit;
                long turn = Math.max(lane.nextFree, nowNanos);
                lane.nextFree = turn + interval;
                if (turn - nowNanos > 0) {
                    return new Admission(Duration.ofNanos(turn - nowNanos), true);
                }
            }
            lane.inFlight++;
            return Admission.NOW;
        }
    }

    /** Gives the place back, learns the endpoint's speed, and pauses the webhook after 429 or 503. */
    public void release(UUID webhookId, HttpOutcome outcome, long nowNanos) {
        Lane lane = lanes.get(webhookId);
        if (lane == null) {
            return;
        }
        synchronized (lane) {
            lane.inFlight--;
            long took = outcome.durationMillis() * 1_000_000L;
            lane.averageNanos = lane.averageNanos == 0 ? took : (lane.averageNanos * 7 + took) / 8;
            if (outcome.statusCode() == 429 || outcome.statusCode() == 503) {
                Duration pause = outcome.retryAfter() == null ? DEFAULT_PAUSE : outcome.retryAfter();
                if (pause.compareTo(pauseCap) > 0) {
                    pause = pauseCap;
                }
                lane.pausedUntil = Math.max(lane.pausedUntil, nowNanos + pause.toNanos());
            }
        }
    }

    /** Whether the webhook should get messages of its own, apart from the batches: paused or slow. */
    public boolean congested(UUID webhookId, long nowNanos) {
        Lane lane = lanes.get(webhookId);
        if (lane == null) {
            return false;
        }
        synchronized (lane) {
            return lane.pausedUntil - nowNanos > 0 || slow(lane);
        }
    }

    private static boolean slow(Lane lane) {
        return lane.averageNanos > SLOW_MILLIS * 1_000_000L;
    }

    private static Duration atLeastMinimum(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return d.compareTo(MIN_DEFERRAL) < 0 ? MIN_DEFERRAL : d;
    }

    private static final class Lane {
        int inFlight;
        long averageNanos;
        long pausedUntil;
        long nextFree;
    }
}
