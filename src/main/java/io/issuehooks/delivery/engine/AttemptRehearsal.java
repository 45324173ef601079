package io.issuehooks.delivery.engine;

import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * An attempt made up and sent as {@link DeliveryService#send} sends a real one, signed the same way and posted
 * through a {@link WebhookHttpClient}, to where it does no harm: the warm-up's way (startup) to compile the signing
 * and the HTTP client before a server reports ready. Nothing is read from the database or recorded; the outcome is
 * only returned.
 */
@ApplicationScoped
public class AttemptRehearsal {

    @Inject
    DeliverySettings settings;

    public HttpOutcome send(WebhookHttpClient client, URI url, String payload, String secret) {
        UUID id = UUID.randomUUID();
        SignedRequest request = SignedRequest.sign(payload, id, id, id, secret, null, Times.now(), settings.userAgent(), Map.of(),
                DestinationFormat.PROMPTFOO, settings.consoleUrl());
        return client.post(url, request.headers(), request.body());
    }

    /**
     * A client like the deliveries' own ({@link DeliveryProducers}), with its own pool, for the destinations given
     * and as many connections to one as {@code callers} send at once.
     */
    public WebhookHttpClient client(DestinationPolicy policy, int callers) {
        return DeliveryProducers.httpClient(settings, policy, callers);
    }
}
