package io.issuehooks.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real Node.js webhook consumer ({@code src/test/node/receiver.js}) in a child process, for tests that deliver
 * webhooks to it and check what a user's code made of them. Independent of JUnit.
 *
 * <p>Two routes, both verifying with the current secret:
 * <ul>
 *   <li>{@link #SPEC_ROUTE} {@code /webhook-endpoint}: the Node.js snippet of the spec page, byte for byte, with its
 *       {@code 'your-webhook-secret'} literal replaced by the secret; answers 200, 401, or 500 when the snippet
 *       throws (its {@code timingSafeEqual} throws on a missing or wrong-length signature);</li>
 *   <li>{@link #STANDARD_WEBHOOKS_ROUTE} {@code /standard-webhooks}: {@code new Webhook(secret).verify(rawBody,
 *       headers)} of the {@code standardwebhooks} npm package; answers 200 or 401.</li>
 * </ul>
 *
 * <p>Every request on either route is recorded as a JSON object with {@code route} (String), {@code status}
 * (int, the status sent), {@code event} (payload.event or null), {@code webhookId} (the {@code webhook-id} header or
 * null), {@code signature} (the {@code x-promptfoo-signature} header or null), {@code rawBody} (the exact body,
 * decoded as UTF-8, or null), {@code reproduced} ({@code JSON.stringify(JSON.parse(rawBody)) === rawBody}),
 * {@code headers} (all request headers, names in lower case) and, on failure, {@code error}.
 *
 * <pre>{@code
 * try (NodeReceiver node = NodeReceiver.start(secret)) {
 *     // register node.specEndpoint() / node.standardWebhooksEndpoint() as webhook URLs, trigger an event ...
 *     JsonObject r = node.awaitRequest(NodeReceiver.route(NodeReceiver.SPEC_ROUTE), Duration.ofSeconds(30));
 *     assertThat(r.getInt("status")).isEqualTo(200);
 * }
 * }</pre>
 *
 * <p>Needs {@code node} on the PATH (or the system property {@code node.executable}) and {@code npm ci} run in
 * {@code src/test/node}. The project directory is the system property {@code basedir}, else the current directory.
 */
public final class NodeReceiver implements AutoCloseable {

    public static final String SPEC_ROUTE = "/webhook-endpoint";
    public static final String STANDARD_WEBHOOKS_ROUTE = "/standard-webhooks";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final int STDERR_TAIL_LINES = 60;

    private final Process process;
    private final int port;
    private final HttpClient http;
    private final List<JsonObject> received = new ArrayList<>(); // guarded by itself
    private final Deque<String> stderrTail = new ArrayDeque<>(); // guarded by itself
    private volatile String secret;
    private volatile boolean closed;

    /** Starts the receiver on a free port of 127.0.0.1 with this secret (the whole {@code whsec_...} string). */
    public static NodeReceiver start(String secret) {
        return start(secret, 0);
    }

    /** Starts the receiver on 127.0.0.1:{@code port} (0 = any free port) with this secret. */
    public static NodeReceiver start(String secret, int port) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        Path node = findNode().orElseThrow(() -> new IllegalStateException(
                "node not found on PATH (or set -Dnode.executable=/path/to/node)"));
        Path dir = nodeDir();
        if (!Files.isRegularFile(dir.resolve("receiver.js"))) {
            throw new IllegalStateException("No receiver.js in " + dir
                    + " (set -Dbasedir to the project directory)");
        }
        for (String module : List.of("express", "standardwebhooks")) {
            if (!Files.isRegularFile(dir.resolve("node_modules").resolve(module).resolve("package.json"))) {
                throw new IllegalStateException("Node module '" + module + "' is missing from " + dir.resolve("node_modules")
                        + ": run npm ci in src/test/node");
            }
        }
        return new NodeReceiver(node, dir, secret, port);
    }

    /** Whether a {@code node} executable is available (for skipping tests where it is not). */
    public static boolean nodeAvailable() {
        return findNode().isPresent();
    }

    /** The {@code node} executable: the system property {@code node.executable}, else the first on the PATH. */
    public static Optional<Path> findNode() {
        String explicit = System.getProperty("node.executable");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String name : windows ? List.of("node.exe", "node.cmd", "node") : List.of("node")) {
                Path candidate;
                try {
                    candidate = Path.of(entry, name);
                } catch (RuntimeException invalid) {
                    continue;
                }
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code <basedir>/src/test/node}. */
    public static Path nodeDir() {
        String basedir = System.getProperty("basedir");
        Path base = basedir != null && !basedir.isBlank() ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return base.resolve("src").resolve("test").resolve("node").toAbsolutePath().normalize();
    }

    /** A predicate on recorded requests: this route. */
    public static Predicate<JsonObject> route(String route) {
        return r -> route.equals(r.getString("route", null));
    }

    /** A predicate on recorded requests: this {@code webhook-id} header. */
    public static Predicate<JsonObject> webhookId(String id) {
        return r -> id.equals(r.getString("webhookId", null));
    }

    /** A predicate on recorded requests: this event ({@code payload.event}). */
    public static Predicate<JsonObject> event(String event) {
        return r -> event.equals(r.getString("event", null));
    }

    private NodeReceiver(Path node, Path dir, String secret, int requestedPort) {
        this.secret = secret;
        ProcessBuilder pb = new ProcessBuilder(node.toString(), dir.resolve("receiver.js").toString(),
                Integer.toString(requestedPort))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("WEBHOOK_SECRET", secret);
        pb.environment().remove("RECEIVER_IGNORE_STDIN");
        pb.environment().remove("RECEIVER_HOST");
        pb.environment().remove("PORT");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + node + " " + dir.resolve("receiver.js"), e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        daemon("node-receiver-stdout-" + process.pid(), () -> readStdout(process.getInputStream(), listening)).start();
        daemon("node-receiver-stderr-" + process.pid(), () -> readStderr(process.getErrorStream())).start();
        try {
            port = listening.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while starting receiver.js", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("receiver.js did not start within " + STARTUP_TIMEOUT.toSeconds()
                    + " s (" + (e instanceof ExecutionException ? e.getCause().getMessage() : "timeout") + ")"
                    + stderrForMessage(), e);
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private void readStdout(InputStream in, CompletableFuture<Integer> listening) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonObject obj = parse(line);
                if (obj == null) {
                    System.err.println("[receiver.js stdout] " + line);
                } else if (obj.containsKey("listening")) {
                    listening.complete(obj.getInt("listening"));
                } else if (obj.containsKey("route")) {
                    synchronized (received) {
                        received.add(obj);
                        received.notifyAll();
                    }
                } else {
                    System.err.println("[receiver.js stdout] " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("[receiver.js] stdout reader failed: " + e);
            }
        } finally {
            listening.completeExceptionally(new IllegalStateException(exitDescription()));
            synchronized (received) {
                received.notifyAll();
            }
        }
    }

    private String exitDescription() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "receiver.js exited with status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "receiver.js closed its stdout";
    }

    private static JsonObject parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private void readStderr(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    while (stderrTail.size() > STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
                System.err.println("[receiver.js] " + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private String stderrForMessage() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; its stderr:\n" + String.join("\n", stderrTail);
        }
    }

    /** The port on 127.0.0.1 the receiver listens on. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The spec snippet's endpoint, {@code http://127.0.0.1:<port>/webhook-endpoint}. */
    public URI specEndpoint() {
        return uri(SPEC_ROUTE);
    }

    /** The standardwebhooks package's endpoint, {@code http://127.0.0.1:<port>/standard-webhooks}. */
    public URI standardWebhooksEndpoint() {
        return uri(STANDARD_WEBHOOKS_ROUTE);
    }

    /** The secret both routes currently verify with. */
    public String secret() {
        return secret;
    }

    /** A snapshot of every request recorded so far, in arrival order. */
    public List<JsonObject> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the requests recorded so far. */
    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    /**
     * The first recorded request (already received or arriving within {@code timeout}) that matches.
     *
     * @throws AssertionError when none arrives in time (or the receiver died), listing what was received
     */
    public JsonObject awaitRequest(Predicate<JsonObject> matching, Duration timeout) {
        return awaitRequests(matching, 1, timeout).get(0);
    }

    /**
     * The first {@code count} recorded requests that match, waiting up to {@code timeout} for them.
     *
     * @throws AssertionError when fewer arrive in time (or the receiver died), listing what was received
     */
    public List<JsonObject> awaitRequests(Predicate<JsonObject> matching, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<JsonObject> found = received.stream().filter(matching).limit(count).collect(Collectors.toList());
                if (found.size() == count) {
                    return List.copyOf(found);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("Expected " + count + " matching request(s) on receiver.js within "
                            + timeout + ", found " + found.size() + (process.isAlive() ? "" : " (" + exitDescription() + ")")
                            + "; received " + received.size() + ":\n" + summary(received) + stderrForMessage());
                }
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for a request", e);
                }
            }
        }
    }

    private static String summary(List<JsonObject> requests) {
        return requests.stream().map(r -> "  " + r.getString("route", "?") + " " + r.get("status")
                + " event=" + r.get("event") + " webhookId=" + r.get("webhookId")
                + " reproduced=" + r.get("reproduced")
                + (r.containsKey("error") ? " error=" + r.get("error") : "")
                + " rawBody=" + abbreviate(r.get("rawBody"))).collect(Collectors.joining("\n"));
    }

    private static String abbreviate(JsonValue v) {
        String s = String.valueOf(v);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Makes both routes verify with {@code newSecret} from the next request on (as after a secret rotation). */
    public void rotateSecret(String newSecret) {
        Objects.requireNonNull(newSecret, "newSecret");
        String body = Json.createObjectBuilder().add("secret", newSecret).build().toString();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri("/__secret"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate the secret of receiver.js" + stderrForMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rotating the secret", e);
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("receiver.js refused the new secret: " + r.statusCode() + " " + r.body());
        }
        secret = newSecret;
    }

    /** Stops the node process: closes its stdin (it exits on that), then kills it if it lingers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
