package io.issuehooks.delivery.engine;

import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.PositiveDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * How deliveries behave, from the settings (docs/configuration.md): HTTP timeouts, how long a webhook may fail
 * before it is disabled, how many deliveries run at once, how the requests introduce themselves, the console's
 * public address (null: not given), which Slack messages link to, and how often the outbox's relay may start. The
 * constants are the settings' MicroProfile Config properties and their defaults, each in this one place
 * ({@code DeliveryProducers} reads them). The constraints are what makes sense of each (checked by Bean Validation
 * when the record is produced); their messages name the setting's environment variable.
 */
public record DeliverySettings(
        @PositiveDuration(message = "ISSUEHOOKS_CONNECT_TIMEOUT must be longer than 0s") Duration connectTimeout,
        @PositiveDuration(message = "ISSUEHOOKS_REQUEST_TIMEOUT must be longer than 0s") Duration requestTimeout,
        @PositiveDuration(message = "ISSUEHOOKS_DISABLE_AFTER must be longer than 0s") Duration disableAfter,
        @Positive(message = "ISSUEHOOKS_DELIVERY_CONCURRENCY must be at least 1") int concurrency,
        @Positive(message = "ISSUEHOOKS_SENDER_THREADS must be at least 1") int senderThreads,
        @Min(value = 1, message = "ISSUEHOOKS_WEBHOOK_CONCURRENCY must be from 1 to 1000")
        @Max(value = 1000, message = "ISSUEHOOKS_WEBHOOK_CONCURRENCY must be from 1 to 1000") int webhookConcurrency,
        String userAgent, String consoleUrl, Duration relayInterval, boolean direct, String nodeId) {

    public static final String CONNECT_TIMEOUT = "issuehooks.connect.timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final String REQUEST_TIMEOUT = "issuehooks.request.timeout";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final String DISABLE_AFTER = "issuehooks.disable.after";
    public static final Duration DEFAULT_DISABLE_AFTER = Duration.ofDays(5);
    /** The least time between the starts of two relays of the outbox ({@code DeliveryRelayThread}); 0s: none. */
    public static final String RELAY_INTERVAL = "issuehooks.relay.interval";
    public static final Duration DEFAULT_RELAY_INTERVAL = Duration.ofMillis(10);
    /**
     * Whether an event's first attempts are made by the server that committed it, straight after the commit
     * ({@code DirectDelivery}), rather than relayed to the queue; the relay then sends only what a run that is no
     * longer alive left in the outbox ({@code DirectDeliveryRun}). A single server's setting: the nodes of a
     * cluster relay (configure-remote.cli sets the server default {@link #SERVER_DEFAULT_DIRECT} to false), so that
     * an issue's events reach the queue in order whichever node committed them.
     */
    public static final String DIRECT = "issuehooks.delivery.direct";
    public static final String SERVER_DEFAULT_DIRECT = "issuehooks.default.delivery.direct";
    public static final boolean DEFAULT_DIRECT = true;
    /**
     * The server's transaction node id (ISSUEHOOKS_NODE_ID), which configure.cli gives the transaction manager with
     * this default; direct delivery names its runs with it ({@code DirectDeliveryRun}).
     */
    public static final String NODE_ID = "issuehooks.node.id";
    public static final String DEFAULT_NODE_ID = "issuehooks-1";
    public static final String WEBHOOK_CONCURRENCY = "issuehooks.webhook.concurrency";
    public static final int DEFAULT_WEBHOOK_CONCURRENCY = 8;
    /** No default: empty, public addresses only ({@code DestinationPolicy.fromSetting}). */
    public static final String ALLOWED_NETWORKS = "issuehooks.allowed.networks";
    /** No default: unset, Slack messages carry no link. */
    public static final String CONSOLE_URL = "issuehooks.console.url";

    /**
     * Server settings the application also needs (the HTTP client's connection limits, the start-up report). The
     * server resolves them itself ({@code wildfly-config/configure.cli}, {@code DeliveryMdb}): the system property,
     * else the environment variable, else the server's default, which configure.cli keeps as the system property
     * {@code issuehooks.default.*} below. The application reads the same chain, so it sees the values in use.
     */
    public static final String CONCURRENCY = "issuehooks.delivery.concurrency";
    public static final String SENDER_THREADS = "issuehooks.sender.threads";
    public static final String SERVER_DEFAULT_CONCURRENCY = "issuehooks.default.delivery.concurrency";
    public static final String SERVER_DEFAULT_SENDER_THREADS = "issuehooks.default.sender.threads";

    /** Longer would hold every event back for as long; the relay looks at the outbox every second anyway. */
    @AssertTrue(message = "ISSUEHOOKS_RELAY_INTERVAL must be from 0s to 1s")
    public boolean isRelayIntervalInRange() {
        return !relayInterval.isNegative() && relayInterval.compareTo(DeliveryRelayThread.IDLE) <= 0;
    }

    /** An absolute http(s) URL without query or fragment, without its trailing slash; a bad one stops the start. */
    public static String consoleUrl(String text) {
        String problem = ConfigValues.environmentVariable(CONSOLE_URL) + " must be the console's public http or https "
                + "address, such as https://issuehooks.example.com, not '" + text + "'";
        try {
            java.net.URI uri = new java.net.URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(problem);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
