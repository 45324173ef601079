package io.issuehooks.delivery.engine;

import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * What delivery builds from its settings, once per application: the retry schedule, the delivery settings,
 * the per-webhook lanes, the destination policy and the HTTP client. {@code @Singleton} (no client proxy):
 * they are immutable and have no no-argument constructor.
 */
@ApplicationScoped
public class DeliveryProducers {

    @Produces
    @Singleton
    DestinationPolicy destinationPolicy(Settings settings) {
        return DestinationPolicy.fromSetting(settings.get(DeliverySettings.ALLOWED_NETWORKS).orElse(""));
    }

    @Produces
    @Singleton
    RetrySchedule retrySchedule(Settings settings) {
        return new RetrySchedule(
                settings.durations(RetrySchedule.SETTING, Settings.parseDurations(RetrySchedule.SETTING, RetrySchedule.DEFAULT)),
                settings.duration(RetrySchedule.RETRY_AFTER_CAP_SETTING, Duration.ofHours(1)));
    }

    @Produces
    @Singleton
    DeliverySettings deliverySettings(Settings settings) {
        return new DeliverySettings(
                settings.duration(DeliverySettings.CONNECT_TIMEOUT, Duration.ofSeconds(5)),
                settings.duration(DeliverySettings.REQUEST_TIMEOUT, Duration.ofSeconds(10)),
                settings.duration(DeliverySettings.DISABLE_AFTER, Duration.ofDays(5)),
                settings.integer(DeliverySettings.CONCURRENCY, 32),
                settings.integer(DeliverySettings.SENDER_THREADS, 64),
                settings.integer(DeliverySettings.WEBHOOK_CONCURRENCY, 8),
                "Issuehooks/" + version(),
                settings.get(DeliverySettings.CONSOLE_URL).filter(s -> !s.isBlank()).map(DeliverySettings::consoleUrl).orElse(null));
    }

    @Produces
    @Singleton
    WebhookLanes webhookLanes(DeliverySettings delivery, RetrySchedule schedule) {
        return new WebhookLanes(delivery.webhookConcurrency(), schedule.retryAfterCap());
    }

    @Produces
    @Singleton
    WebhookHttpClient webhookHttpClient(DeliverySettings delivery, DestinationPolicy policy) {
        // Every sender thread and every delivery MDB (which sends single attempts itself) may be sending to one
        // endpoint: the per-route limit must not queue them.
        int perRoute = delivery.senderThreads() + delivery.concurrency();
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
