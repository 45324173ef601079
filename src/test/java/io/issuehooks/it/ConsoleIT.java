package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.issuehooks.testsupport.NodeReceiver;
import io.issuehooks.testsupport.Receiver;
import io.issuehooks.testsupport.Receiver.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web console (/ui/) in a real browser: src/test/node/console-test.js drives headless Chromium (Debian's
 * {@code chromium} package, through playwright-core) against this suite's server, with an organisation, an admin and
 * a member key, and two endpoints on the test JVM's receiver, one that answers 200 and one that answers 500. The
 * script checks every page and action step by step (see its header), saves a full-page screenshot of each page in
 * target/console-screenshots, and exits non-zero at the first failure; this test streams its output, kills it on
 * timeout, and fails with that output. Afterwards the receiver confirms what the browser saw.
 */
class ConsoleIT extends ReceiverTestBase {

    static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
    static final Duration TIMEOUT = Duration.ofMinutes(6);
    /** What the failing endpoint answers: markup, which the console must show as text. */
    static final String FAIL_BODY = "upstream exploded <img src=x onerror=\"window.__xss=1\"> <b>bold?</b>";

    @Test
    void theConsoleManagesWebhooksDeliveriesAndIssuesInARealBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Chromium is missing at " + CHROMIUM + ": install it with `apt-get update && apt-get install -y chromium` "
                    + "(.ci/run does so on CI). ConsoleIT drives the web console in it and is not skipped without it.");
        }
        Path node = NodeReceiver.findNode().orElseThrow(() -> new AssertionError(
                "node not found on PATH (or set -Dnode.executable=/path/to/node)"));
        Path dir = NodeReceiver.nodeDir();
        assertThat(dir.resolve("node_modules/playwright-core/package.json"))
                .as("playwright-core in %s/node_modules: run npm ci in src/test/node", dir).isRegularFile();

        String memberKey = f.tenants.key(f.org, "member", null);
        receiver.on("/failing", r -> Reply.status(500).body(FAIL_BODY));
        Path screenshots = projectDir().resolve("target/console-screenshots");

        List<String> command = List.of(node.toString(), dir.resolve("console-test.js").toString(),
                "--base", f.api.base(),
                "--ok-url", receiver.url("/ok"),
                "--fail-url", receiver.url("/failing"),
                "--fail-body", FAIL_BODY,
                "--screenshots", screenshots.toString(),
                "--chromium", CHROMIUM.toString(),
                "--timeout-ms", Long.toString(TIMEOUT.minusSeconds(30).toMillis()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        // The keys go in the environment, not on the command line.
        pb.environment().put("CONSOLE_ADMIN_KEY", f.org.adminKey());
        pb.environment().put("CONSOLE_MEMBER_KEY", memberKey);

        long started = System.nanoTime();
        Process process = pb.start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> copy(process, output), "console-test-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String seconds = String.format("%.1f s", (System.nanoTime() - started) / 1e9);
        if (!finished) {
            fail("console-test.js did not finish within " + TIMEOUT.toMinutes() + " minutes and was killed; its output:\n"
                    + text(output));
        }
        if (process.exitValue() != 0) {
            fail("console-test.js failed (exit status " + process.exitValue() + ", " + seconds + "); its output:\n" + text(output));
        }
        System.out.println("[ConsoleIT] console-test.js passed in " + seconds);

        // What the browser saw is what the receiver got: the redelivery carried the same webhook-id.
        List<Receiver.Request> ok = receiver.requests("/ok");
        Map<String, Long> byWebhookId = ok.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
        assertThat(byWebhookId.values()).as("a delivery redelivered from the console").contains(2L);
        assertThat(receiver.requests("/failing").size()).as("three attempts, then more after recovery").isGreaterThan(3);
        try (Stream<Path> files = Files.list(screenshots)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).filter(n -> !n.equals("failure.png")))
                    .as("a screenshot of each page").hasSizeGreaterThanOrEqualTo(11);
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    private static void copy(Process process, StringBuilder output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Kills the script and the browser it started (Chromium's processes are its descendants). */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static Path projectDir() {
        String basedir = System.getProperty("basedir");
        return (basedir != null && !basedir.isBlank() ? Path.of(basedir) : Path.of("")).toAbsolutePath().normalize();
    }
}
