package io.issuehooks.delivery;

import java.time.Duration;

/**
 * How deliveries behave, from the settings (docs/configuration.md): HTTP timeouts, how long a webhook may fail
 * before it is disabled, and how the requests introduce themselves.
 */
public record DeliverySettings(Duration connectTimeout, Duration requestTimeout, Duration disableAfter,
        int concurrency, int senderThreads, int webhookConcurrency, String userAgent) {

    public static final String CONNECT_TIMEOUT = "ISSUEHOOKS_CONNECT_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "ISSUEHOOKS_REQUEST_TIMEOUT";
    public static final String DISABLE_AFTER = "ISSUEHOOKS_DISABLE_AFTER";
    public static final String CONCURRENCY = "ISSUEHOOKS_DELIVERY_CONCURRENCY";
    public static final String SENDER_THREADS = "ISSUEHOOKS_SENDER_THREADS";
    public static final String WEBHOOK_CONCURRENCY = "ISSUEHOOKS_WEBHOOK_CONCURRENCY";
    public static final String ALLOWED_NETWORKS = "ISSUEHOOKS_ALLOWED_NETWORKS";
}
