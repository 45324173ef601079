package io.issuehooks.platform;

import io.issuehooks.delivery.DeliverySettings;
import io.issuehooks.delivery.DestinationPolicy;
import io.issuehooks.delivery.RetrySchedule;
import io.issuehooks.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Reads every setting when the application starts, so a wrong value stops the deployment with its name in the
 * message rather than surfacing with the first delivery, and logs what is in effect.
 */
@ApplicationScoped
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());

    @Inject
    RetrySchedule schedule;

    @Inject
    DestinationPolicy destinations;

    @Inject
    DeliverySettings delivery;

    @Inject
    SecretCipher cipher;

    @Inject
    Settings settings;

    void report(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info(() -> String.format("Issuehooks %s: retry schedule %s (Retry-After up to %s); timeouts connect %s, "
                        + "request %s; disable after %s failing; %d concurrent deliveries; extra allowed networks %s; "
                        + "bootstrap key %s; server key from %s",
                delivery.userAgent(), schedule.delays(), schedule.retryAfterCap(), delivery.connectTimeout(),
                delivery.requestTimeout(), delivery.disableAfter(), delivery.concurrency(), destinations.allowedNetworks(),
                settings.get("ISSUEHOOKS_BOOTSTRAP_TOKEN").isPresent() ? "set" : "NOT set (no organisation can be created)",
                settings.get("ISSUEHOOKS_SECRET_KEY").isPresent() ? "ISSUEHOOKS_SECRET_KEY" : "the data directory"));
        cipher.encrypt("check", java.util.UUID.randomUUID());
    }
}
