package io.issuehooks.it;

import io.issuehooks.testsupport.Byteman;
import io.issuehooks.testsupport.Database;
import io.issuehooks.testsupport.ServerManagement;
import io.issuehooks.testsupport.ServerQueues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** The second test server of arquillian.xml ("wildfly-manual"): its process, its JVM arguments, its broker. */
final class CrashServer {

    private static final String HOST = "127.0.0.1";
    private static final int PORT_OFFSET = 100;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final ServerManagement MANAGEMENT = new ServerManagement(HOST, HTTP_PORT);

    private CrashServer() {
    }

    /**
     * The JVM arguments of arquillian.xml, plus the Byteman agent with one rule file of src/test/resources/byteman,
     * and a short recovery period, so that transaction recovery after the restart does not wait two minutes.
     */
    static String jvmArguments(String rule) {
        return baseArguments() + Byteman.agent(Path.of(System.getProperty("it.byteman.rules"), rule))
                + " -Djboss.modules.system.pkgs=org.jboss.byteman";
    }

    /** What arquillian.xml gives the server; kept in step with it. */
    static String baseArguments() {
        return "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Djboss.server.base.dir=" + System.getProperty("it.kill.base.dir")
                + " -Djdk.net.hosts.file=" + System.getProperty("it.hosts.file") + " -Djboss.socket.binding.port-offset=" + PORT_OFFSET
                + " -Dissuehooks.node.id=issuehooks-it-2"
                + " -Dcom.arjuna.ats.arjuna.common.RecoveryEnvironmentBean.periodicRecoveryPeriod=5";
    }

    static final String URL = "http://" + HOST + ":" + HTTP_PORT + "/";

    /** The server's process, found by its base directory, while it runs. */
    static Optional<ProcessHandle> process() {
        String baseDir = "-Djboss.server.base.dir=" + System.getProperty("it.kill.base.dir");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(baseDir)).orElse(false))
                .findFirst();
    }

    static boolean managementPortClosed() {
        return !MANAGEMENT.listening();
    }

    /** The application as built, in the server's deployments directory: every start deploys it. */
    static void installApplication() throws IOException {
        Files.copy(Path.of(System.getProperty("it.war")), deployments().resolve("issuehooks.war"), StandardCopyOption.REPLACE_EXISTING);
    }

    static void removeApplication() throws IOException {
        try (var files = Files.list(deployments())) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    /** Empties the data directory (journal, transaction log) while the server is stopped: each test starts afresh. */
    static void clearData() throws IOException {
        Path data = Path.of(System.getProperty("it.kill.base.dir"), "data");
        if (Files.exists(data)) {
            try (var all = Files.walk(data)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Path deployments() {
        return Path.of(System.getProperty("it.kill.base.dir"), "deployments");
    }

    static int preparedBrokerTransactions() {
        return broker(Operations.createOperation("list-prepared-transactions", brokerAddress())).asList().size();
    }

    static long messageCount(String queue) {
        return new ServerQueues(MANAGEMENT).messages(queue);
    }

    /** Every message the queue has received since the server started, consumed or not. */
    static long messagesAdded(String queue) {
        return broker(Operations.createReadAttributeOperation(Operations.createAddress("subsystem", "messaging-activemq",
                "server", "default", "jms-queue", queue), "messages-added")).asLong();
    }

    /** The outbox rows of the webhook's deliveries' events: none once every message it was sent has been delivered. */
    static long outboxRows(String webhookId) {
        return ((Number) Database.query("select count(*) as n from delivery_outbox where event_id in "
                + "(select event_id from delivery where webhook_id = ?)", java.util.UUID.fromString(webhookId)).get(0).get("n")).longValue();
    }

    private static ModelNode brokerAddress() {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default");
    }

    private static ModelNode broker(ModelNode operation) {
        return MANAGEMENT.execute(operation);
    }
}
