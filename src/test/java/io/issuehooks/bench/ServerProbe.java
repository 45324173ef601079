package io.issuehooks.bench;

import io.issuehooks.testsupport.ServerManagement;
import io.issuehooks.testsupport.ServerQueues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * What the benchmark asks the server through its management interface: queues, heap, MDB delivery. It asks from its
 * own JVM (a management client), not through jboss-cli: a jboss-cli process is a JVM that starts on the two cores
 * the measured node is using, and at 350 events/s the three a heap reading took put the node behind for a minute.
 * With a remote broker (bench.artemis: the broker instance's bin/artemis) the queues are read from the broker.
 */
final class ServerProbe {

    private static final ModelNode MEMORY = Operations.createAddress("core-service", "platform-mbean", "type", "memory");
    /** The management client's libraries print their versions at INFO amid the figures; held so the levels stay set. */
    private static final List<Logger> QUIETED = Stream.of("org.jboss", "org.xnio", "org.wildfly.security")
            .map(name -> {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.WARNING);
                return logger;
            }).toList();

    private final ServerManagement management;
    private final ServerQueues queues;
    private final String artemis;

    ServerProbe(String controller, String artemis) {
        this.management = ServerManagement.at(controller);
        this.queues = new ServerQueues(management);
        this.artemis = artemis;
    }

    /** Stops or starts an MDB's delivery ({@code stop-delivery}, {@code start-delivery}). */
    void mdb(String name, String operation) {
        management.execute(Operations.createOperation(operation,
                Operations.createAddress("deployment", "issuehooks.war", "subsystem", "ejb3", "message-driven-bean", name)));
    }

    /** Messages on a queue of the broker (waiting and scheduled). */
    long queueDepth(String queue) throws Exception {
        if (artemis != null) {
            return remoteQueueDepth(queue);
        }
        return queues.messages(queue);
    }

    /** Whether messages wait in the deliveries' outbox (the server's issuehooks_delivery_outbox gauge). */
    boolean outboxNotEmpty() {
        return outbox() > 0;
    }

    long outbox() {
        return queues.outbox();
    }

    /**
     * Heap in use right after a full collection, in bytes: both steps in one composite operation, so the reading
     * comes right after the collection and does not count what the load allocated since.
     */
    long heapAfterFullGc() {
        ModelNode steps = Operations.CompositeOperationBuilder.create()
                .addStep(Operations.createOperation("gc", MEMORY))
                .addStep(Operations.createReadAttributeOperation(MEMORY, "heap-memory-usage"))
                .build().getOperation();
        return management.execute(steps).get("step-2", "result", "used").asLong();
    }

    /** The broker's own answer ({@code artemis queue stat}): a table whose fourth column is MESSAGE_COUNT. */
    private long remoteQueueDepth(String queue) throws Exception {
        Process p = new ProcessBuilder(artemis, "queue", "stat", "--silent", "--url", "tcp://127.0.0.1:61616",
                "--user", "bench", "--password", "bench", "--queueName", queue)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length > 4 && cells[1].trim().equals(queue)) {
                return Long.parseLong(cells[4].trim());
            }
        }
        throw new IllegalStateException("artemis queue stat " + queue + ": " + out);
    }
}
