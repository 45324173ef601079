package io.issuehooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * The embedded broker's queues of a test server, read through its management interface (port 9990 plus the
 * server's port offset). The Deliveries queue's message count includes scheduled messages (retries, deferred
 * attempts) and those being delivered, and a delivery message is acknowledged only after its next attempts are
 * queued and its outcomes recorded: a count of 0 means no attempt is under way or due, so no further request can
 * reach a receiver. That is the positive signal a test waits for before it asserts that nothing more arrived.
 */
public final class ServerQueues {

    private final String host;
    private final int managementPort;

    /** The server whose application answers at {@code httpPort} (8080 plus its offset). */
    public ServerQueues(String host, int httpPort) {
        this.host = host;
        this.managementPort = 9990 + (httpPort - 8080);
    }

    public long messages(String queue) {
        ModelNode address = Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "jms-queue", queue);
        try (ModelControllerClient client = ModelControllerClient.Factory.create(host, managementPort)) {
            ModelNode result = client.execute(Operations.createReadAttributeOperation(address, "message-count"));
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException(Operations.getFailureDescription(result).asString());
            }
            return Operations.readResult(result).asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until no delivery message is queued, scheduled or being delivered. */
    public void awaitDeliveriesSettled(Duration timeout) {
        Await.until(() -> messages("Deliveries") == 0, timeout, "no delivery message was queued, scheduled or in flight");
    }
}
