package io.issuehooks.webhooks;

import java.time.Duration;

/** How long the previous secret keeps signing webhook-signature after regenerate-secret. */
public record WebhookSettings(Duration rotationGrace) {

    /** The setting (a MicroProfile Config property, docs/configuration.md) and its default. */
    public static final String ROTATION_GRACE = "issuehooks.secret.rotation.grace";
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofHours(24);
}
