package io.issuehooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * The embedded broker's queues of a test server, read through its management interface (port 9990 plus the
 * server's port offset). The Deliveries queue's message count includes scheduled messages (retries, deferred
 * attempts) and those being delivered, and a delivery message is acknowledged only after its next attempts are
 * queued and its outcomes recorded: a count of 0 means no attempt is under way or due. Before the queue, an event's
 * first attempts wait in the deliveries' outbox until the relay has committed them to the queue; the server's
 * {@code issuehooks_delivery_outbox} gauge counts them. Both at 0, the outbox read first, mean no further request can
 * reach a receiver: the positive signal a test waits for before it asserts that nothing more arrived.
 */
public final class ServerQueues {

    private final ServerManagement management;

    /** The server whose application answers at {@code httpPort} (8080 plus its offset). */
    public ServerQueues(String host, int httpPort) {
        this(new ServerManagement(host, httpPort));
    }

    /** The server behind a management interface (the benchmark's probe). */
    public ServerQueues(ServerManagement management) {
        this.management = management;
    }

    public long messages(String queue) {
        ModelNode address = Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "jms-queue", queue);
        return management.execute(Operations.createReadAttributeOperation(address, "message-count")).asLong();
    }

    /** Until no delivery message waits in the outbox or is queued, scheduled or being delivered. */
    public void awaitDeliveriesSettled(Duration timeout) {
        Await.until(() -> outbox() == 0 && messages("Deliveries") == 0, timeout,
                "no delivery message waited in the outbox or was queued, scheduled or in flight");
    }

    /** The messages not yet relayed from the outbox to the queue, as the server's metrics scrape shows them. */
    public long outbox() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + management.hostAndPort() + "/prometheus")).build();
        try {
            String scrape = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            for (String line : scrape.split("\n")) {
                if (line.startsWith(OUTBOX_GAUGE + " ") || line.startsWith(OUTBOX_GAUGE + "{")) {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    return Double.isNaN(value) ? Long.MAX_VALUE : (long) value; // NaN: the server could not count them
                }
            }
            throw new IllegalStateException("No " + OUTBOX_GAUGE + " in the metrics scrape");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String OUTBOX_GAUGE = "issuehooks_delivery_outbox";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
}
