package io.issuehooks.it.cluster;

import io.issuehooks.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * One broker of a primary/backup pair of Apache ActiveMQ Artemis (the distribution the build unpacked), with a
 * shared store: both use one data directory, and the one that holds its lock is live. Created with the
 * {@code artemis create} command and the repository's broker.properties, as docs/operations.md tells operators.
 */
final class ArtemisBroker {

    static final String USER = "issuehooks";
    static final String PASSWORD = "cluster-test-password";

    final String name;
    final int port;
    private final Path instance;
    /** Where the log of this broker's latest start begins: the log file is appended to on every start. */
    private long logStart;

    private ArtemisBroker(String name, int port, Path instance) {
        this.name = name;
        this.port = port;
        this.instance = instance;
    }

    /** Creates the instance: {@code primary} on port 61616, or its backup on 61716, both on {@code sharedData}. */
    static ArtemisBroker create(Path home, Path directory, Path sharedData, boolean backup) {
        String name = backup ? "backup" : "primary";
        int port = backup ? 61716 : 61616;
        int otherPort = backup ? 61616 : 61716;
        Path instance = directory.resolve(name);
        String command = home.resolve("bin/artemis").toString();
        var args = new java.util.ArrayList<>(java.util.List.of(command, "create", instance.toString(), "--silent", "--force",
                "--name", name, "--host", "127.0.0.1", "--user", USER, "--password", PASSWORD, "--require-login",
                "--shared-store", "--failover-on-shutdown", "--data", sharedData.toString(),
                "--staticCluster", "tcp://127.0.0.1:" + otherPort, "--java-memory", "512M",
                "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"));
        if (backup) {
            args.addAll(java.util.List.of("--backup", "--port-offset", "100"));
        }
        Processes.run(directory, Duration.ofMinutes(2), args.toArray(String[]::new));
        try {
            Files.copy(Path.of(System.getProperty("it.broker.properties")), instance.resolve("etc/broker.properties"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArtemisBroker(name, port, instance);
    }

    String marker() {
        return "-Dartemis.instance=" + instance;
    }

    void start() {
        logStart = logLength();
        Processes.start(new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run"), marker(), log());
    }

    /**
     * Waits until the broker serves: the log of its latest start says it is live (a backup waits for its primary to
     * die).
     */
    void awaitLive(Duration timeout) {
        Await.until(() -> logContains("AMQ221007") || logContains("AMQ221010"), timeout, name + " is live");
    }

    /** Waits until a backup is ready to take over. */
    void awaitBackup(Duration timeout) {
        Await.until(() -> logContains("AMQ221031") || logContains("AMQ221109"), timeout, name + " waits as a backup");
    }

    void kill() {
        Processes.kill(marker());
    }

    boolean running() {
        return Processes.find(marker()).isPresent();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private Path log() {
        return instance.resolve("log/console.log");
    }

    private boolean logContains(String text) {
        try {
            return Files.exists(log()) && Files.readString(log(), StandardCharsets.ISO_8859_1).substring((int) logStart).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private long logLength() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
