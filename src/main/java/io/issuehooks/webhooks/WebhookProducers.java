package io.issuehooks.webhooks;

import io.issuehooks.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The webhook settings, read once. */
@ApplicationScoped
public class WebhookProducers {

    @Produces
    @Singleton
    WebhookSettings webhookSettings(Settings settings) {
        return new WebhookSettings(settings.duration(WebhookSettings.ROTATION_GRACE, Duration.ofHours(24)));
    }
}
