package io.issuehooks.webhooks;

import java.time.Duration;

/** How long the previous secret keeps signing webhook-signature after regenerate-secret. */
public record WebhookSettings(Duration rotationGrace) {

    public static final String ROTATION_GRACE = "ISSUEHOOKS_SECRET_ROTATION_GRACE";
}
