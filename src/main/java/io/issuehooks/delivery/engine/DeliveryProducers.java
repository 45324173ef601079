package io.issuehooks.delivery.engine;

import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.ValidSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * What delivery builds from its settings, once per application: the retry schedule, the delivery settings,
 * the per-webhook lanes, the destination policy and the HTTP client. The settings come from MicroProfile Config
 * ({@link ConfigValues}); their defaults are the constants of {@link DeliverySettings} and {@link RetrySchedule}.
 * {@code @Singleton} (no client proxy): they are immutable and have no no-argument constructor.
 */
@ApplicationScoped
public class DeliveryProducers {

    @Produces
    @Singleton
    DestinationPolicy destinationPolicy(Config config) {
        return DestinationPolicy.fromSetting(ConfigValues.text(config, DeliverySettings.ALLOWED_NETWORKS).orElse(null));
    }

    @Produces
    @Singleton
    RetrySchedule retrySchedule(Config config) {
        return new RetrySchedule(
                ConfigValues.durations(config, RetrySchedule.SETTING).orElse(RetrySchedule.DEFAULT),
                ConfigValues.duration(config, RetrySchedule.RETRY_AFTER_CAP_SETTING)
                        .orElse(RetrySchedule.DEFAULT_RETRY_AFTER_CAP));
    }

    @Produces
    @Singleton
    DeliverySettings deliverySettings(Config config, Validator validator) {
        return ValidSettings.check(validator, new DeliverySettings(
                ConfigValues.duration(config, DeliverySettings.CONNECT_TIMEOUT)
                        .orElse(DeliverySettings.DEFAULT_CONNECT_TIMEOUT),
                ConfigValues.duration(config, DeliverySettings.REQUEST_TIMEOUT)
                        .orElse(DeliverySettings.DEFAULT_REQUEST_TIMEOUT),
                ConfigValues.duration(config, DeliverySettings.DISABLE_AFTER)
                        .orElse(DeliverySettings.DEFAULT_DISABLE_AFTER),
                serverSetting(config, DeliverySettings.CONCURRENCY, DeliverySettings.SERVER_DEFAULT_CONCURRENCY),
                serverSetting(config, DeliverySettings.SENDER_THREADS, DeliverySettings.SERVER_DEFAULT_SENDER_THREADS),
                ConfigValues.wholeNumber(config, DeliverySettings.WEBHOOK_CONCURRENCY)
                        .orElse(DeliverySettings.DEFAULT_WEBHOOK_CONCURRENCY),
                "Issuehooks/" + version(),
                ConfigValues.text(config, DeliverySettings.CONSOLE_URL).map(DeliverySettings::consoleUrl).orElse(null),
                ConfigValues.duration(config, DeliverySettings.RELAY_INTERVAL).orElse(DeliverySettings.DEFAULT_RELAY_INTERVAL),
                ConfigValues.truth(config, DeliverySettings.DIRECT)
                        .or(() -> ConfigValues.truth(config, DeliverySettings.SERVER_DEFAULT_DIRECT))
                        .orElse(DeliverySettings.DEFAULT_DIRECT),
                ConfigValues.text(config, DeliverySettings.NODE_ID).orElse(DeliverySettings.DEFAULT_NODE_ID)));
    }

    /** A setting the server resolves too: the same system property or variable, else the server's own default. */
    private static int serverSetting(Config config, String property, String serverDefault) {
        return ConfigValues.wholeNumber(config, property).or(() -> ConfigValues.wholeNumber(config, serverDefault))
                .orElseThrow(() -> new IllegalStateException("The server configuration does not define the system property "
                        + serverDefault + ", the default of " + ConfigValues.environmentVariable(property)
                        + ": was it configured by wildfly-config/configure.cli?"));
    }

    @Produces
    @Singleton
    WebhookLanes webhookLanes(DeliverySettings delivery, RetrySchedule schedule) {
        return new WebhookLanes(delivery.webhookConcurrency(), schedule.retryAfterCap());
    }

    @Produces
    @Singleton
    WebhookHttpClient webhookHttpClient(DeliverySettings delivery, DestinationPolicy policy) {
        // Every sender thread, every delivery MDB and every lane of direct delivery (both send single attempts
        // themselves) may be sending to one endpoint: the per-route limit must not queue them.
        return httpClient(delivery, policy, delivery.senderThreads() + 2 * delivery.concurrency());
    }

    /** A delivery client from the settings; {@link AttemptRehearsal} builds its own the same way. */
    static WebhookHttpClient httpClient(DeliverySettings delivery, DestinationPolicy policy, int perRoute) {
        return new WebhookHttpClient(delivery.connectTimeout(), delivery.requestTimeout(), policy, delivery.userAgent(),
                perRoute * 4, perRoute);
    }

    void close(@Disposes WebhookHttpClient client) {
        client.close();
    }

    private static String version() {
        try (InputStream in = DeliveryProducers.class.getResourceAsStream("/io/issuehooks/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
