package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.PlannedAttempt;
import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An attempt made up and sent as {@link DeliveryService#send} sends a real one, signed the same way and posted
 * through a {@link WebhookHttpClient}, to where it does no harm, and its outcome recorded as a real one's is, in a
 * group commit, against a delivery that does not exist: the warm-up's way (startup) to compile the signing, the HTTP
 * client and the outcome's record before a server reports ready. The record's conditional update matches no row, so
 * nothing is written (no attempt row, no health, no retry queued) and its commit is empty.
 */
@ApplicationScoped
public class AttemptRehearsal {

    @Inject
    DeliverySettings settings;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    GroupedOutcomeWriter grouped;

    /** Sends the attempt, records its outcome against no delivery, and returns the outcome. */
    public HttpOutcome rehearse(WebhookHttpClient client, URI url, String payload, String secret) {
        UUID id = UUID.randomUUID();
        Instant startedAt = Times.now();
        SignedRequest request = SignedRequest.sign(payload, id, id, id, secret, null, startedAt, settings.userAgent(), Map.of(),
                DestinationFormat.PROMPTFOO, settings.consoleUrl());
        HttpOutcome outcome = client.post(url, request.headers(), request.body());
        // No target was read, so no health: it would need the webhook's state, and it is written only for a matched row.
        OutcomeRecorder.Sent sent = new OutcomeRecorder.Sent(new PlannedAttempt(id, id, 1, 0), null, startedAt, request, outcome);
        grouped.record(List.of(recorder.outcome(sent, Times.now(), true, false)));
        return outcome;
    }

    /**
     * A client like the deliveries' own ({@link DeliveryProducers}), with its own pool, for the destinations given
     * and as many connections to one as {@code callers} send at once.
     */
    public WebhookHttpClient client(DestinationPolicy policy, int callers) {
        return DeliveryProducers.httpClient(settings, policy, callers);
    }
}
