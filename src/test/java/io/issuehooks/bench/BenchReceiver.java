package io.issuehooks.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook endpoint of the benchmark: a plain JDK HTTP server on loopback that answers 204 at once and notes,
 * for every delivery, the moment it arrived, keyed by the issue id in the payload and the path (one path per
 * webhook). The same server receives the raw-limit requests, so both figures share one receiver.
 */
final class BenchReceiver implements AutoCloseable {

    private static final byte[] ISSUE_ID = "\"issue\":{\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64, DeliveryBenchmark::daemon);
    final AtomicLong received = new AtomicLong();
    /** issue id + " " + path -> arrival (System.nanoTime) of its first delivery there. */
    final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    final AtomicLong duplicates = new AtomicLong();

    BenchReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long now = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/hook/")) {
                String issue = issueId(body);
                if (issue != null && arrivals.putIfAbsent(issue + " " + path, now) != null) {
                    duplicates.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
        });
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The issue id of a Promptfoo payload ({@code "issue":{"id":"<uuid>"}}), without parsing the whole body. */
    static String issueId(byte[] body) {
        outer:
        for (int i = 0; i + ISSUE_ID.length + 36 <= body.length; i++) {
            for (int j = 0; j < ISSUE_ID.length; j++) {
                if (body[i + j] != ISSUE_ID[j]) {
                    continue outer;
                }
            }
            return new String(body, i + ISSUE_ID.length, 36, StandardCharsets.US_ASCII);
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
