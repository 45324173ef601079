package io.issuehooks.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real HTTP endpoint in the test JVM that records every request it receives (exact body bytes, headers,
 * arrival time) and answers each path as the test scripts it: a status, headers, a delay.
 */
public final class Receiver implements AutoCloseable {

    /** A request as it arrived. Header names are lower-cased. */
    public record Request(String path, Map<String, String> headers, byte[] body, Instant at) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(text()))) {
                return reader.readObject();
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new TreeMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay);
        }

        public Reply body(String text) {
            return new Reply(status, headers, text, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Reply>> behaviour = new ConcurrentHashMap<>();

    private Receiver(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1. */
    public static Receiver start() {
        return start("127.0.0.1");
    }

    /** Listens on the given local address (0.0.0.0: every loopback address, for tests that must be refused). */
    public static Receiver start(String bind) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, 0), 100);
            Receiver receiver = new Receiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL of a path on this receiver, on 127.0.0.1. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers requests to the path (exactly) with this function; unscripted paths answer 200. */
    public Receiver on(String path, Function<Request, Reply> reply) {
        behaviour.put(path, reply);
        return this;
    }

    /** Answers the path with these replies in turn, the last one for ever after. */
    public Receiver sequence(String path, Reply... replies) {
        List<Reply> list = List.of(replies);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return on(path, r -> list.get(Math.min(n.getAndIncrement(), list.size() - 1)));
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code count} requests to the path match, and returns them in arrival order. */
    public List<Request> await(String path, int count, Duration timeout) {
        return await(r -> r.path().equals(path), count, timeout);
    }

    public List<Request> await(Predicate<Request> which, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Request> matching = requests.stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " requests, got " + matching.size() + ": "
                        + matching.stream().map(r -> r.path() + " " + r.text()).toList());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** Asserts that nothing more arrives on the path within the given time. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Request request = new Request(exchange.getRequestURI().getPath(), headers,
                exchange.getRequestBody().readAllBytes(), Instant.now());
        requests.add(request);
        Reply reply = behaviour.getOrDefault(request.path(), r -> Reply.status(200).body("ok")).apply(request);
        if (!reply.delay().isZero()) {
            sleep(reply.delay());
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** A copy of the received requests, for assertions on everything at once. */
    public List<Request> all() {
        return new ArrayList<>(requests);
    }
}
