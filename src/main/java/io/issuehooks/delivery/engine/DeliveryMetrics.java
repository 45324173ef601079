package io.issuehooks.delivery.engine;

import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.webhooks.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The application's meters, in the registry of WildFly's Micrometer subsystem (scraped at /prometheus on the
 * management interface, Prometheus format). Labelled by event type and outcome only: never by webhook,
 * URL or organisation, which would make a series per customer (cardinality, privacy); the per-webhook view is
 * the API's. Queue depths come from the server's own messaging metrics.
 */
@ApplicationScoped
public class DeliveryMetrics {

    /** What an attempt came to, as the {@code outcome} label says it. */
    public enum Outcome {
        SUCCESS("2xx"), REJECTED("non_2xx"), TIMEOUT("timeout"), CONNECTION_ERROR("connection_error"),
        REFUSED_DESTINATION("refused_destination");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        static Outcome of(HttpOutcome outcome) {
            if (outcome.statusCode() > 0) {
                return outcome.success() ? SUCCESS : REJECTED;
            }
            String error = outcome.error() == null ? "" : outcome.error();
            if (error.startsWith("refused destination")) {
                return REFUSED_DESTINATION;
            }
            return error.contains("timed out") || error.startsWith("not sent in time") ? TIMEOUT : CONNECTION_ERROR;
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    DeliveryRelay relay;

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private final Map<String, Counter> published = new HashMap<>();
    private final Map<Outcome, Counter> attempts = new EnumMap<>(Outcome.class);
    private Timer duration;
    private Timer latency;
    private CumulativeBuckets durationBuckets;
    private CumulativeBuckets latencyBuckets;

    /**
     * Through the registry's convenience methods only: WildFly's per-deployment registry passes those on to the
     * server's registries (Prometheus), while meters built with {@code Counter.builder(...).register(registry)}
     * would stay in the deployment's own registry and never be scraped. For the same reason the timers have no
     * histogram buckets (WildFly's application registry takes no distribution configuration): they export a count,
     * a sum and a maximum, and {@link CumulativeBuckets} beside each gives the buckets percentiles are taken from.
     */
    @PostConstruct
    void register() {
        for (EventTypes.Listed type : EventTypes.all()) {
            published.put(type.name(), registry.counter("issuehooks.events.published", "event", type.name()));
        }
        for (Outcome o : Outcome.values()) {
            attempts.put(o, registry.counter("issuehooks.delivery.attempts", "outcome", o.label));
        }
        duration = registry.timer("issuehooks.delivery.attempt.duration");
        latency = registry.timer("issuehooks.delivery.latency");
        durationBuckets = new CumulativeBuckets(registry, "issuehooks.delivery.attempt.duration.buckets");
        latencyBuckets = new CumulativeBuckets(registry, "issuehooks.delivery.latency.buckets");
        // A gauge left by an earlier deployment of the application would keep reading its dead instance: replace it.
        for (String name : new String[] {"issuehooks.webhooks.failing", "issuehooks.webhooks.disabled", "issuehooks.delivery.outbox"}) {
            registry.find(name).gauges().forEach(registry::remove);
        }
        registry.gauge("issuehooks.webhooks.failing", io.micrometer.core.instrument.Tags.empty(), this,
                m -> m.count("failing_since IS NOT NULL AND enabled = true"));
        registry.gauge("issuehooks.webhooks.disabled", io.micrometer.core.instrument.Tags.empty(), this,
                m -> m.count("enabled = false"));
        // Messages committed and not yet on the Deliveries queue (in the outbox, or in this server's relay's commit):
        // near zero unless the broker is away.
        registry.gauge("issuehooks.delivery.outbox", io.micrometer.core.instrument.Tags.empty(), this,
                m -> m.rows("SELECT count(*) FROM delivery_outbox") + m.relay.committing());
    }

    /**
     * Observing the application's start creates this bean then, and so its meters: a scrape shows zeros rather
     * than nothing before the first event.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation is the point
    }

    /**
     * Counts the events of the current transaction once it has committed: an event whose change rolled back
     * (a failed request, the server's warm-up) was never published.
     */
    void publishedOnCommit(List<String> types) {
        if (types.isEmpty()) {
            return;
        }
        AfterCompletion.ifCommitted(transactions, () -> types.forEach(type -> published.get(type).increment()));
    }

    void attempted(HttpOutcome outcome) {
        attempts.get(Outcome.of(outcome)).increment();
        Duration took = Duration.ofMillis(outcome.durationMillis());
        duration.record(took);
        durationBuckets.record(took);
    }

    void delivered(long queuedAtMillis) {
        Duration took = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - queuedAtMillis));
        latency.record(took);
        latencyBuckets.record(took);
    }

    double count(String condition) {
        return rows("SELECT count(*) FROM webhook WHERE " + condition);
    }

    double rows(String countQuery) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(countQuery)) {
            return r.next() ? r.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
