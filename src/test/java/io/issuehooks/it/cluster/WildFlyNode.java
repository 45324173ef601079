package io.issuehooks.it.cluster;

import io.issuehooks.delivery.engine.DeliveryMdb;
import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.ServerManagement;
import io.issuehooks.testsupport.ServerQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * One Issuehooks server of the cluster: the server `mvn package` built, started with bin/standalone.sh from a base
 * directory of its own, ports moved by an offset, its own transaction node id, in remote broker mode
 * (ISSUEHOOKS_BROKER_URL), on the tests' PostgreSQL database, exactly as docs/operations.md tells operators.
 */
final class WildFlyNode {

    final String name;
    final int offset;
    private final Path base;
    private final Map<String, String> environment;

    WildFlyNode(String name, int offset, Path directory, Map<String, String> environment) {
        this.name = name;
        this.offset = offset;
        this.base = directory.resolve(name);
        this.environment = environment;
    }

    /** A fresh base directory: the built server's configuration, the application in its deployments directory. */
    void install() {
        try {
            Path configuration = base.resolve("configuration");
            Files.createDirectories(configuration);
            Files.createDirectories(base.resolve("deployments"));
            try (var files = Files.list(Path.of(System.getProperty("jboss.home"), "standalone", "configuration"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, configuration.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(Path.of(System.getProperty("it.war")), base.resolve("deployments/issuehooks.war"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs and starts the servers side by side, and waits until each answers. */
    static void startAll(Duration timeout, WildFlyNode... nodes) {
        for (WildFlyNode node : nodes) {
            node.install();
            node.start("");
        }
        for (WildFlyNode node : nodes) {
            node.awaitHealthy(timeout);
        }
    }

    String marker() {
        return "-Djboss.server.base.dir=" + base;
    }

    /** Starts the server; {@code extraJvmOptions} for a Byteman agent, say. */
    void start(String extraJvmOptions) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("jboss.home"), "bin/standalone.sh").toString(),
                marker(), "-Djboss.socket.binding.port-offset=" + offset, "-Dissuehooks.node.id=" + name,
                "-Djdk.net.hosts.file=" + System.getProperty("it.hosts.file"),
                "-Dcom.arjuna.ats.arjuna.common.RecoveryEnvironmentBean.periodicRecoveryPeriod=5");
        builder.environment().putAll(environment);
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx1g " + extraJvmOptions);
        Processes.start(builder, marker(), base.resolve("console.log"));
    }

    void awaitHealthy(Duration timeout) {
        Await.healthy(url(), timeout);
    }

    void kill() {
        Processes.kill(marker());
    }

    boolean running() {
        return Processes.find(marker()).isPresent();
    }

    String url() {
        return "http://127.0.0.1:" + (8080 + offset) + "/";
    }

    /** Turns on the EJB statistics, which {@link #deliveryMessagesConsumed} reads; they count from now on. */
    void enableStatistics() {
        management(Operations.createWriteAttributeOperation(Operations.createAddress("subsystem", "ejb3"), "statistics-enabled", true));
    }

    /** Sets a system property of the running server (the management model's system-property resource). */
    void setSystemProperty(String name, String value) {
        ModelNode add = Operations.createAddOperation(Operations.createAddress("system-property", name));
        add.get("value").set(value);
        management(add);
    }

    /**
     * Sets the level of a log category of the running server from now on (the logging subsystem's logger
     * resource), or with {@code level} null removes that logger again.
     */
    void logLevel(String category, String level) {
        ModelNode logger = Operations.createAddress("subsystem", "logging", "logger", category);
        if (level == null) {
            management(Operations.createRemoveOperation(logger));
        } else {
            ModelNode add = Operations.createAddOperation(logger);
            add.get("level").set(level);
            management(add);
        }
    }

    /** The server's log file, server.log (every category at the level its logger allows), all starts appended. */
    String serverLog() {
        return read(base.resolve("log/server.log"));
    }

    /** The server's console output as the test captured it (INFO and above, and stdout), all starts appended. */
    String consoleLog() {
        return read(base.resolve("console.log"));
    }

    /** ISO-8859-1: never malformed, and the ASCII the tests look for reads the same. */
    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This server's issuehooks_delivery_outbox gauge: delivery messages committed and not yet on the queue. */
    long outbox() {
        return new ServerQueues("127.0.0.1", 8080 + offset).outbox();
    }

    /** How many messages this server's DeliveryMdb has taken since statistics were enabled. */
    long deliveryMessagesConsumed() {
        ModelNode mdb = Operations.createAddress("deployment", "issuehooks.war", "subsystem", "ejb3", "message-driven-bean", "DeliveryMdb");
        return management(Operations.createReadAttributeOperation(mdb, "invocations")).asLong();
    }

    private ModelNode management(ModelNode operation) {
        return new ServerManagement("127.0.0.1", 8080 + offset).execute(operation);
    }
}
