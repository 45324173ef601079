package io.issuehooks.webhooks;

import io.issuehooks.platform.ConfigValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** The webhook settings, read once. */
@ApplicationScoped
public class WebhookProducers {

    @Produces
    @Singleton
    WebhookSettings webhookSettings(Config config) {
        return new WebhookSettings(ConfigValues.duration(config, WebhookSettings.ROTATION_GRACE)
                .orElse(WebhookSettings.DEFAULT_ROTATION_GRACE));
    }
}
