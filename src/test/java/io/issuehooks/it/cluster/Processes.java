package io.issuehooks.it.cluster;

import io.issuehooks.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The processes the cluster test starts: found by a marker in their command line, SIGKILLed on demand, and all of
 * them killed when the test ends, however it ends (a JVM shutdown hook as the last resort).
 */
final class Processes {

    private static final List<String> MARKERS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll));
    }

    private Processes() {
    }

    /** Runs a command to its end (within the timeout) and answers its output; fails if it fails. */
    static String run(Path directory, Duration timeout, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An empty directory for the processes of one test: what an earlier run left there is deleted first. */
    static Path emptyDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var all = Files.walk(dir)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a process in the background, its output to a log file; {@code marker} identifies its JVM later. */
    static void start(ProcessBuilder builder, String marker, Path log) {
        try {
            Files.createDirectories(log.getParent());
            MARKERS.add(marker);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running JVM whose command line has the marker. */
    static Optional<ProcessHandle> find(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst();
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, nothing flushed. Waits until it is gone. */
    static void kill(String marker) {
        find(marker).ifPresent(p -> {
            p.destroyForcibly();
            Await.until(() -> !p.isAlive(), Duration.ofSeconds(30), "the process with " + marker + " ended");
        });
    }

    static void killAll() {
        for (String marker : MARKERS) {
            find(marker).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
