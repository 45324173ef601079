package io.issuehooks.startup;

import io.issuehooks.delivery.engine.AttemptRehearsal;
import io.issuehooks.outbound.Cidr;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.webhooks.WebhookSecrets;
import java.net.URI;
import java.util.List;

/**
 * The warm-up's delivery attempts: signed as real ones are, with a secret made here, and posted by a client like
 * the deliveries' own to the server's own listener, at a path where nothing is served (answered 404 by the
 * server, which is all an attempt needs: a receiver's answer to read), their outcomes recorded against deliveries
 * that do not exist (nothing matches, nothing is written). The client may reach that one address and no other; it
 * is closed when the warm-up ends.
 */
final class RehearsedAttempts implements AutoCloseable {

    /** About the size of a real event's payload (the broker's messages of the warm-up carry it too). */
    static final String PAYLOAD = "{\"event\":\"issue.created\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"data\":{\"issue\":"
            + "{\"id\":\"warm-up\",\"pluginId\":\"warm-up\",\"weakness\":\"" + "x".repeat(700) + "\"},\"userId\":null}}";

    private final AttemptRehearsal rehearsal;
    private final WebhookHttpClient client;
    private final URI target;
    private final String secret = WebhookSecrets.generate();
    private volatile boolean closed;

    RehearsedAttempts(AttemptRehearsal rehearsal, URI base) {
        this.rehearsal = rehearsal;
        this.client = rehearsal.client(new DestinationPolicy(List.of(hostOnly(base))), WarmUp.WORKERS);
        this.target = base.resolve("/warm-up/attempts");
    }

    /** The one address {@code base} names, as a network of one. */
    static Cidr hostOnly(URI base) {
        String host = base.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return Cidr.parse(host + (host.contains(":") ? "/128" : "/32"));
    }

    /**
     * One attempt; true when the listener answered it (404), false when not (before the deployment, no answer, or
     * the client closed under it by a shutdown).
     */
    boolean answered() {
        try {
            return rehearsal.rehearse(client, target, PAYLOAD, secret).statusCode() == 404;
        } catch (IllegalStateException e) {
            // Only a closed client is expected; anything else (the outcome's record failing, say) is the warm-up's
            // warning to log.
            if (closed) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }
}
