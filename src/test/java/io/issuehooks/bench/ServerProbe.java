package io.issuehooks.bench;

import io.issuehooks.testsupport.ServerQueues;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark asks the server through its management interface (jboss-cli): queues, heap, MDB delivery.
 * With a remote broker (bench.artemis: the broker instance's bin/artemis) the queues are read from the broker.
 */
final class ServerProbe {

    private static final Pattern LONG = Pattern.compile("\"result\" => (\\d+)L?");
    private static final Pattern USED = Pattern.compile("\"used\" => (\\d+)L?");


    private final String cli;
    private final String controller;
    private final String artemis;

    ServerProbe(String cli, String controller, String artemis) {
        this.cli = cli;
        this.controller = controller;
        this.artemis = artemis;
    }

    String run(String operation) throws Exception {
        return cli("--command=" + operation);
    }

    private String cli(String commands) throws Exception {
        Process p = new ProcessBuilder(cli, "-c", "--controller=" + controller, commands)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("success")) {
            throw new IllegalStateException(commands + " failed: " + out);
        }
        return out;
    }

    /** Messages on a queue of the broker (waiting and scheduled). */
    long queueDepth(String queue) throws Exception {
        if (artemis != null) {
            return remoteQueueDepth(queue);
        }
        Matcher m = LONG.matcher(run("/subsystem=messaging-activemq/server=default/jms-queue=" + queue
                + ":read-attribute(name=message-count)"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Whether messages wait in the deliveries' outbox (the server's issuehooks_delivery_outbox gauge). */
    boolean outboxNotEmpty() {
        return outbox() > 0;
    }

    long outbox() {
        return ServerQueues.outbox(controller);
    }

    /**
     * Heap in use right after a full collection, in bytes: both operations in one connection, milliseconds apart (read
     * in a second jboss-cli process, the reading would come seconds later and count what the load allocated since).
     */
    long heapAfterFullGc() throws Exception {
        Matcher m = USED.matcher(cli("--commands=/core-service=platform-mbean/type=memory:gc,"
                + "/core-service=platform-mbean/type=memory:read-attribute(name=heap-memory-usage)"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
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
