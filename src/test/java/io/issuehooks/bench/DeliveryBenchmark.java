package io.issuehooks.bench;

import com.sun.net.httpserver.HttpServer;
import io.issuehooks.testsupport.Api;
import jakarta.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery throughput of a running server, in two phases. End to end: issues created through the API (each
 * committing one event), fanned out to W webhooks, signed, sent to a receiver in this JVM over real HTTP, and
 * recorded; prints events and deliveries per second and commit-to-receipt latency. Delivery capacity: with the
 * DeliveryMdb's delivery stopped (a WildFly management operation) the events pile up as deliveries on the queue;
 * delivery is started again and the time to drain them gives deliveries per second without the API's share of
 * the CPU. Run by .ci/benchmark; not a test.
 *
 * <p>System properties: bench.url, bench.token, bench.webhooks, bench.issues, bench.clients, bench.warmup (seconds),
 * bench.cli.
 */
public final class DeliveryBenchmark {

    public static void main(String[] args) throws Exception {
        URL base = new URL(System.getProperty("bench.url", "http://127.0.0.1:8080/"));
        String bootstrap = System.getProperty("bench.token", "bench-token");
        int webhooks = Integer.getInteger("bench.webhooks", 10);
        int issues = Integer.getInteger("bench.issues", 1000);
        int clients = Integer.getInteger("bench.clients", 8);

        AtomicLong received = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.currentTimeMillis();
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            int at = text.indexOf("\"timestamp\":\"");
            if (at >= 0) {
                latencies.add(now - Instant.parse(text.substring(at + 13, at + 37)).toEpochMilli());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(64));
        receiver.start();

        Api api = new Api(base);
        String orgKey = api.post("/api/v1/organizations", bootstrap, Json.createObjectBuilder().add("name", "bench").build())
                .json().getJsonObject("serviceAccount").getString("apiKey");
        for (int i = 0; i < webhooks; i++) {
            int status = api.post("/api/v1/webhooks", orgKey, Json.createObjectBuilder()
                    .add("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + i).add("name", "bench-" + i)
                    .add("events", Json.createArrayBuilder().add("issue.created").add("issue.status_changed")).build()).status();
            if (status != 201) {
                throw new IllegalStateException("webhook creation failed: " + status);
            }
        }

        // WildFly's code paths are large: the JIT compiler keeps a core busy for minutes after the first requests.
        // Measure only once it has settled, as it has on a server that has been up for a while.
        int warmupSeconds = Integer.getInteger("bench.warmup", 180);
        System.out.printf("Warming up for %d s...%n", warmupSeconds);
        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        int warmed = 0;
        while (System.nanoTime() < warmupEnd) {
            run(api, orgKey, 200, clients, received, (long) webhooks * (warmed + 200), Duration.ofMinutes(5));
            warmed += 200;
        }
        received.set(0);
        latencies.clear();

        System.out.printf("Measuring: %d issues x %d webhooks = %d deliveries, %d API clients%n", issues, webhooks,
                (long) issues * webhooks, clients);
        long start = System.nanoTime();
        double apiSeconds = run(api, orgKey, issues, clients, received, (long) webhooks * issues, Duration.ofMinutes(20));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("Issues created (events committed): %.0f/s%n", issues / apiSeconds);
        System.out.printf("Deliveries: %d in %.1f s = %.0f deliveries/s end to end%n", received.get(), seconds, received.get() / seconds);
        System.out.printf("Commit-to-receipt latency: p50 %d ms, p99 %d ms, max %d ms%n", pct(sorted, 50), pct(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));

        System.out.printf("Delivery capacity: %d issues x %d webhooks queued with delivery stopped, then drained%n", issues, webhooks);
        received.set(0);
        latencies.clear();
        cli("/deployment=issuehooks.war/subsystem=ejb3/message-driven-bean=DeliveryMdb:stop-delivery");
        run(api, orgKey, issues, clients, received, 0, Duration.ofMinutes(20));
        while (!cli("/subsystem=messaging-activemq/server=default/jms-queue=IssueEvents:read-attribute(name=message-count)")
                .contains("\"result\" => 0L")) {
            Thread.sleep(200);
        }
        long drain = System.nanoTime();
        cli("/deployment=issuehooks.war/subsystem=ejb3/message-driven-bean=DeliveryMdb:start-delivery");
        run(api, orgKey, 0, clients, received, (long) webhooks * issues, Duration.ofMinutes(20));
        double drainSeconds = (System.nanoTime() - drain) / 1e9;
        System.out.printf("Deliveries: %d in %.1f s = %.0f deliveries/s (signed, sent, recorded)%n", received.get(),
                drainSeconds, received.get() / drainSeconds);
        receiver.stop(0);
        System.exit(0);
    }

    /** Runs one management operation with the server's jboss-cli and answers its output. */
    private static String cli(String operation) throws Exception {
        Process p = new ProcessBuilder(System.getProperty("bench.cli", "target/server/bin/jboss-cli.sh"), "-c", "--command=" + operation)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("success")) {
            throw new IllegalStateException(operation + " failed: " + out);
        }
        return out;
    }

    /** Creates issues from several threads, then waits for every delivery; returns the seconds the API calls took. */
    private static double run(Api api, String key, int issues, int clients, AtomicLong received, long expected, Duration timeout)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = issues / clients + (c < issues % clients ? 1 : 0);
            done.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    int status = api.post("/api/v1/issues", key, Json.createObjectBuilder().add("pluginId", "bench")
                            .add("severity", "high").add("targetId", UUID.randomUUID().toString()).build()).status();
                    if (status != 201) {
                        throw new IllegalStateException("issue creation failed: " + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double apiSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received.get() + " of " + expected + " deliveries arrived");
            }
            Thread.sleep(20);
        }
        return apiSeconds;
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private DeliveryBenchmark() {
    }
}
