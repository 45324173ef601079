package io.issuehooks.delivery.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * A latency histogram Prometheus can take quantiles of, made of counters: one per upper bound, labelled
 * {@code le} like a Prometheus histogram's buckets, each counting the observations at or below it ({@code +Inf}:
 * all). WildFly's per-deployment registry exports timers without buckets (it takes no distribution
 * configuration), but counters it exports, and {@code histogram_quantile} needs only the {@code le} label:
 * {@code histogram_quantile(0.95, sum by (le) (rate(issuehooks_delivery_latency_buckets_total[5m])))}.
 */
final class CumulativeBuckets {

    /** Upper bounds in seconds: from a loopback receiver's milliseconds to a retry's minutes. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private final Counter[] counters = new Counter[BOUNDS.length + 1];

    CumulativeBuckets(MeterRegistry registry, String name) {
        for (int i = 0; i < BOUNDS.length; i++) {
            counters[i] = registry.counter(name, "le", Double.toString(BOUNDS[i]));
        }
        counters[BOUNDS.length] = registry.counter(name, "le", "+Inf");
    }

    void record(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        for (int i = BOUNDS.length - 1; i >= 0 && seconds <= BOUNDS[i]; i--) {
            counters[i].increment();
        }
        counters[BOUNDS.length].increment();
    }
}
