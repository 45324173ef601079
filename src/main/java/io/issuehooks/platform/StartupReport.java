package io.issuehooks.platform;

import io.issuehooks.delivery.DeliverySettings;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.delivery.RetentionJob;
import io.issuehooks.delivery.RetrySchedule;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.webhooks.WebhookSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import java.util.stream.Collectors;

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
    WebhookSettings webhooks;

    @Inject
    SecretCipher cipher;

    @Inject
    Settings settings;

    void report(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Duration retention = settings.duration(RetentionJob.SETTING, RetentionJob.DEFAULT);
        LOG.info(() -> String.format("%s started. Retry schedule %s (Retry-After honoured up to %s); timeouts: connect %s, "
                        + "request %s; webhooks disabled after %s of failures; %d concurrent delivery messages, %d sender "
                        + "threads; delivery log kept %s; networks allowed besides public addresses: %s; secret rotation "
                        + "grace %s; bootstrap key %s; server key from %s",
                delivery.userAgent(), schedule.delays().stream().map(StartupReport::text).collect(Collectors.joining(",")),
                text(schedule.retryAfterCap()), text(delivery.connectTimeout()), text(delivery.requestTimeout()),
                text(delivery.disableAfter()), delivery.concurrency(), delivery.senderThreads(), text(retention),
                destinations.allowedNetworks().isEmpty() ? "none" : destinations.allowedNetworks(),
                text(webhooks.rotationGrace()),
                settings.get("ISSUEHOOKS_BOOTSTRAP_TOKEN").isPresent() ? "set" : "NOT set (no organisation can be created)",
                settings.get("ISSUEHOOKS_SECRET_KEY").isPresent() ? "ISSUEHOOKS_SECRET_KEY" : "the data directory"));
    }

    /** 0s, 500ms, 5s, 5m, 2h, 5d: the way the settings are written. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        for (var unit : new Object[][] {{86_400_000L, "d"}, {3_600_000L, "h"}, {60_000L, "m"}, {1000L, "s"}}) {
            long size = (Long) unit[0];
            if (ms % size == 0) {
                return ms / size + (String) unit[1];
            }
        }
        return ms + "ms";
    }
}
