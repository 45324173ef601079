package io.issuehooks.platform;

import io.issuehooks.delivery.DeliverySettings;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.delivery.RetrySchedule;
import io.issuehooks.delivery.WebhookLanes;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.security.ServerKey;
import io.issuehooks.webhooks.WebhookSettings;
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
 * The application's CDI producers, in one place: objects built from settings once per application. They are
 * {@code @Singleton} (no client proxy) because they are immutable and have no no-argument constructor.
 */
@ApplicationScoped
public class Producers {

    @Produces
    @Singleton
    SecretCipher secretCipher(Settings settings) {
        return new SecretCipher(ServerKey.load(settings));
    }

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
                "Issuehooks/" + version());
    }

    @Produces
    @Singleton
    WebhookLanes webhookLanes(DeliverySettings delivery, RetrySchedule schedule) {
        return new WebhookLanes(delivery.webhookConcurrency(), schedule.retryAfterCap());
    }

    @Produces
    @Singleton
    WebhookSettings webhookSettings(Settings settings) {
        return new WebhookSettings(settings.duration(WebhookSettings.ROTATION_GRACE, Duration.ofHours(24)));
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
        try (InputStream in = Producers.class.getResourceAsStream("/io/issuehooks/version.properties")) {
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
