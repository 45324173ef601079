package io.issuehooks.delivery.engine;

import java.time.Duration;

/**
 * How deliveries behave, from the settings (docs/configuration.md): HTTP timeouts, how long a webhook may fail
 * before it is disabled, how the requests introduce themselves, and the console's public address (null: not
 * given), which Slack messages link to.
 */
public record DeliverySettings(Duration connectTimeout, Duration requestTimeout, Duration disableAfter,
        int concurrency, int senderThreads, int webhookConcurrency, String userAgent, String consoleUrl) {

    public static final String CONNECT_TIMEOUT = "ISSUEHOOKS_CONNECT_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "ISSUEHOOKS_REQUEST_TIMEOUT";
    public static final String DISABLE_AFTER = "ISSUEHOOKS_DISABLE_AFTER";
    public static final String CONCURRENCY = "ISSUEHOOKS_DELIVERY_CONCURRENCY";
    public static final String SENDER_THREADS = "ISSUEHOOKS_SENDER_THREADS";
    public static final String WEBHOOK_CONCURRENCY = "ISSUEHOOKS_WEBHOOK_CONCURRENCY";
    public static final String ALLOWED_NETWORKS = "ISSUEHOOKS_ALLOWED_NETWORKS";
    public static final String CONSOLE_URL = "ISSUEHOOKS_CONSOLE_URL";

    /** An absolute http(s) URL without query or fragment, without its trailing slash; a bad one stops the start. */
    public static String consoleUrl(String text) {
        String problem = CONSOLE_URL + " must be the console's public http or https address, such as https://issuehooks.example.com, not '"
                + text + "'";
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
