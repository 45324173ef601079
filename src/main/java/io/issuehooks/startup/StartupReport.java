package io.issuehooks.startup;

import static io.issuehooks.platform.Durations.format;

import io.issuehooks.delivery.engine.DeliverySettings;
import io.issuehooks.delivery.engine.RetrySchedule;
import io.issuehooks.delivery.store.RetentionJob;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.Durations;
import io.issuehooks.security.AuthenticationFilter;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.security.ServerKey;
import io.issuehooks.webhooks.WebhookSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Reads every setting when the application starts, so a wrong value stops the deployment with its name in the
 * message rather than surfacing with the first delivery, and logs what is in effect: the capabilities' settings
 * objects, and the settings read elsewhere later (retention, bootstrap key) through their owners' own readers.
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
    Config config;

    void report(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Duration retention = RetentionJob.retention(config);
        LOG.info(() -> String.format("%s started. Retry schedule %s (Retry-After honoured up to %s); timeouts: connect %s, "
                        + "request %s; webhooks disabled after %s of failures; %d concurrent delivery messages, %d sender "
                        + "threads; first attempts %s; delivery log kept %s; networks allowed besides public addresses: %s; secret rotation "
                        + "grace %s; bootstrap key %s; server key from %s; warm-up before ready %s",
                delivery.userAgent(), schedule.delays().stream().map(Durations::format).collect(Collectors.joining(",")),
                format(schedule.retryAfterCap()), format(delivery.connectTimeout()), format(delivery.requestTimeout()),
                format(delivery.disableAfter()), delivery.concurrency(), delivery.senderThreads(),
                delivery.direct() ? "delivered by this server" : "relayed to the queue", format(retention),
                destinations.allowedNetworks().isEmpty() ? "none" : destinations.allowedNetworks(),
                format(webhooks.rotationGrace()),
                AuthenticationFilter.bootstrapToken(config).isPresent() ? "set" : "NOT set (no organisation can be created)",
                ServerKey.configured(config).isPresent() ? ConfigValues.environmentVariable(ServerKey.SETTING)
                        : "the data directory", format(WarmUp.length(config))));
    }
}
