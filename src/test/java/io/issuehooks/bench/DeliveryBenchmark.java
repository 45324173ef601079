package io.issuehooks.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures a running server (started by .ci/benchmark on PostgreSQL). Not a test: figures depend on the machine,
 * so each run also measures the machine's raw limit for what a delivery is (signed POSTs from a JDK client to the
 * same loopback receiver, {@link RawLimit}) and prints every figure beside it, and ends each measurement with the
 * processor time per event of the server, PostgreSQL and itself ({@link ProcessorTime}).
 *
 * <p>Modes (system property bench.mode):
 * <ul>
 * <li>{@code rate}: events offered at a fixed rate (bench.rate per second for bench.seconds, one issue.created
 * each, to bench.webhooks webhooks); prints commit-to-receipt latency (from the API call's return to the arrival at
 * the receiver) per 10 s and overall, and whether the server kept up;</li>
 * <li>{@code soak}: the same for bench.minutes, with the heap after a full GC and the queue depths every 5 minutes;</li>
 * <li>{@code throughput}: bench.issues issues from bench.clients clients as fast as the API takes them, then the
 * delivery capacity (deliveries queued while the delivery MDB is stopped, then drained; only where the server relays
 * first attempts to the queue: with direct delivery they do not wait for the MDB, and the benchmark says so);</li>
 * <li>{@code api}: issues created per second with no webhook at all.</li>
 * </ul>
 * bench.warmup seconds of the same load come first (not counted); for rate and soak, bench.warmupRate events/s
 * instead of bench.rate if set (a node brought up to its load slowly, as a load balancer's slow start would).
 * bench.preload=true first stores the work of a long-running server ({@link Preload}); bench.preload=paired
 * compares a fresh database with a preloaded one on two servers at once ({@link StoredWorkPairs}).
 */
public final class DeliveryBenchmark {

    /** Every node's URL (bench.urls, comma-separated); the first one also serves the set-up calls. */
    private final List<String> bases = List.of(System.getProperty("bench.urls", "http://127.0.0.1:8080").split(","))
            .stream().map(DeliveryBenchmark::trim).toList();
    private final String base = bases.get(0);
    private final int webhooks;
    private final int warmup;
    private final int repeat = Integer.getInteger("bench.repeat", 1);
    /** Every node's management interface; the first one is asked about heap and (embedded broker) queues. */
    private final List<ServerProbe> servers = List.of(System.getProperty("bench.controllers", "127.0.0.1:9990").split(","))
            .stream().map(c -> new ServerProbe(c, System.getProperty("bench.artemis"))).toList();
    private final ServerProbe server = servers.get(0);
    private final BenchReceiver receiver;
    private final LoadGenerator load;
    private final HttpClient http = HttpClient.newHttpClient();

    private DeliveryBenchmark(int webhooks, int warmup) throws Exception {
        this.webhooks = webhooks;
        this.warmup = warmup;
        receiver = new BenchReceiver();
        String orgKey = organizationKey(http, base, "bench-" + webhooks + "-" + System.nanoTime());
        for (int i = 0; i < webhooks; i++) {
            post(http, base, "/api/v1/webhooks", orgKey, "{\"url\":\"" + receiver.url("/hook/" + i) + "\",\"name\":\"bench-" + i
                    + "\",\"events\":[\"issue.created\",\"issue.status_changed\"]}");
        }
        load = new LoadGenerator(bases, orgKey);
    }

    public static void main(String[] args) {
        try {
            run(System.getProperty("bench.mode", "throughput"));
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    /** Threads that never keep the benchmark's JVM alive after main has finished or failed. */
    static Thread daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    }

    private static void run(String mode) throws Exception {
        if ("paired".equals(System.getProperty("bench.preload"))) {
            StoredWorkPairs.run(mode);
            return;
        }
        if (Boolean.getBoolean("bench.preload")) {
            Preload.run(System.getProperty("bench.db.url"), System.getProperty("bench.db.user"), System.getProperty("bench.db.password"));
        }
        int webhooks = Integer.getInteger("bench.webhooks", 1);
        int warmup = Integer.getInteger("bench.warmup", 60);
        DeliveryBenchmark bench = new DeliveryBenchmark(webhooks, warmup);
        try {
            switch (mode) {
                case "rate" -> bench.fixedRate(Double.parseDouble(System.getProperty("bench.rate", "200")),
                        Integer.getInteger("bench.seconds", 60), 0);
                case "soak" -> bench.fixedRate(Double.parseDouble(System.getProperty("bench.rate", "100")),
                        Integer.getInteger("bench.minutes", 30) * 60, 300);
                case "throughput" -> bench.throughput(Integer.getInteger("bench.issues", 1000), Integer.getInteger("bench.clients", 8));
                case "api" -> bench.api(Integer.getInteger("bench.issues", 5000), Integer.getInteger("bench.clients", 8));
                default -> throw new IllegalArgumentException("bench.mode: rate, soak, throughput or api, not " + mode);
            }
        } finally {
            bench.receiver.close();
        }
    }

    /**
     * When a measurement starts, in UTC to the second: where a Java Flight Recorder recording's window begins
     * ({@link SampleShares}, {@link CompilationWindows}).
     */
    private static Instant nowUtc() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    // --- modes -----------------------------------------------------------------------------------------------

    /** Fixed rate; {@code heapEvery} > 0: a heap and queue reading every that many seconds (the soak). */
    private void fixedRate(double rate, int seconds, int heapEvery) throws Exception {
        if (warmup > 0) {
            String warmupRateSetting = System.getProperty("bench.warmupRate");
            double warmupRate = warmupRateSetting == null ? rate : Double.parseDouble(warmupRateSetting);
            System.out.printf("Warm-up: up to %.0f events/s for %d s (not counted; calls beyond 64 under way are skipped)%n", warmupRate, warmup);
            long offered = runAtRate(warmupRate, warmup, 0, new ArrayList<>(), new WorstBacklog(), true);
            if (!awaitDeliveries(offered - load.failures.get(), Duration.ofMinutes(10))) {
                throw new IllegalStateException("the warm-up's deliveries did not arrive within 10 minutes");
            }
            reset();
        }
        for (int run = 1; run <= repeat; run++) {
            announce(run);
            measureAtRate(rate, seconds, heapEvery);
        }
    }

    private void measureAtRate(double rate, int seconds, int heapEvery) throws Exception {
        reset();
        double raw = rawLimit();
        String title = String.format("Measuring: %.0f events/s for %d s, %d webhook(s) per event, from %s", rate, seconds, webhooks, nowUtc());
        System.out.println(title);
        Timeline timeline = new Timeline();
        List<Long> heap = new ArrayList<>();
        if (heapEvery > 0) {
            heap.add(heapReading(0));
        }
        ProcessorTime cpu = ProcessorTime.now();
        WorstBacklog worst = new WorstBacklog();
        long offered = runAtRate(rate, seconds, heapEvery > 0 ? heapEvery : 0, heap, worst, false);
        double offeredSeconds = seconds;
        // Kept up: when the load stops, at most one second's worth of API calls is waiting for an answer and at most
        // one second's worth of deliveries of answered calls is on its way, and at every ten-second reading before at
        // most five seconds' worth of each (WorstBacklog).
        int apiBacklog = load.backlogAtEnd;
        long behind = load.committed.size() * (long) webhooks - delivered();
        boolean keptUp = behind <= rate * webhooks && apiBacklog <= rate && worst.within(rate, webhooks);
        boolean drained = awaitDeliveries(offered - load.failures.get(), Duration.ofSeconds(30));
        String cpuLine = cpu.since(offered - load.failures.get());
        long expected = (offered - load.failures.get()) * webhooks;
        List<Long> latencies = commitToReceipt();
        System.out.printf("Offered %d events in %.0f s (%.0f/s); API calls still unanswered when the offering ended: %d; "
                        + "API failures %d; API call (from when it was due) p50 %d ms, p95 %d ms, p99 %d ms%n",
                offered, offeredSeconds, offered / offeredSeconds, apiBacklog, load.failures.get(), pct(ms(load.apiLatencies), 50),
                pct(ms(load.apiLatencies), 95), pct(ms(load.apiLatencies), 99));
        System.out.printf("Deliveries: %d of %d arrived (%d duplicates), %.0f deliveries/s = %.1f%% of the raw limit%n",
                delivered(), expected, receiver.duplicates.get(), expected / offeredSeconds,
                100 * expected / offeredSeconds / raw);
        System.out.printf("Commit-to-receipt: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", pct(latencies, 50),
                pct(latencies, 95), pct(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1));
        System.out.printf("Kept up: %s (when the offering ended: %d API calls unanswered, %d deliveries of answered calls on "
                        + "their way; %s; all arrived within 30 s of the last answer: %s)%n", keptUp && drained && load.failures.get() == 0
                        ? "yes" : "NO", apiBacklog, behind, worst, drained ? "yes" : "no, " + delivered() + " of " + expected);
        System.out.println(cpuLine);
        String timelineFile = System.getProperty("bench.timeline", "");
        if (!timelineFile.isEmpty()) {
            timeline.write(Path.of(timelineFile), title, load.committed, receiver.arrivals);
        }
        if (heapEvery > 0) {
            long first = heap.get(1 < heap.size() ? 1 : 0);
            long last = heap.get(heap.size() - 1);
            System.out.printf("Heap after full GC: %s MB; last vs. first after warm-up: %+.1f%%%n",
                    heap.stream().map(h -> Long.toString(h / 1_000_000)).toList(), 100.0 * (last - first) / first);
        }
    }

    private void throughput(int issues, int clients) throws Exception {
        if (warmup > 0) {
            System.out.printf("Warm-up: closed loop for %d s (not counted)%n", warmup);
            long end = System.nanoTime() + warmup * 1_000_000_000L;
            long made = 0;
            while (System.nanoTime() < end) {
                load.closedLoop(200, clients);
                made += 200;
                awaitDeliveries(made, Duration.ofMinutes(5));
            }
            reset();
        }
        for (int run = 1; run <= repeat; run++) {
            announce(run);
            measureThroughput(issues, clients);
        }
    }

    private void measureThroughput(int issues, int clients) throws Exception {
        reset();
        double raw = rawLimit();
        System.out.printf("Measuring: %d issues x %d webhooks = %d deliveries, %d API clients, from %s%n", issues, webhooks,
                (long) issues * webhooks, clients, nowUtc());
        long start = System.nanoTime();
        ProcessorTime cpu = ProcessorTime.now();
        double apiSeconds = load.closedLoop(issues, clients);
        awaitDeliveries(issues, Duration.ofMinutes(20));
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpuLine = cpu.since(issues);
        List<Long> latencies = commitToReceipt();
        long deliveries = delivered();
        System.out.printf("Issues created (events committed): %.0f/s%n", issues / apiSeconds);
        System.out.printf("Deliveries: %d in %.1f s = %.0f deliveries/s end to end = %.1f%% of the raw limit%n",
                deliveries, seconds, deliveries / seconds, 100 * deliveries / seconds / raw);
        System.out.printf("Commit-to-receipt: p50 %d ms, p95 %d ms, p99 %d ms%n", pct(latencies, 50), pct(latencies, 95), pct(latencies, 99));
        System.out.println(cpuLine);

        System.out.printf("Delivery capacity: %d issues x %d webhooks queued with delivery stopped, then drained%n", issues, webhooks);
        reset();
        for (ServerProbe node : servers) {
            node.mdb("DeliveryMdb", "stop-delivery");
        }
        double stoppedSeconds = load.closedLoop(issues, clients);
        long arrivedWhileStopped = delivered();
        if (arrivedWhileStopped > 0) {
            // A server that delivers first attempts itself (ISSUEHOOKS_DELIVERY_DIRECT, the default) does so without the
            // MDB: nothing was held back, so neither figure below would mean what it says.
            System.out.printf("Delivery capacity: not measured: %d deliveries arrived while the delivery MDB was stopped "
                    + "(the server makes first attempts directly; ISSUEHOOKS_DELIVERY_DIRECT=false measures the queue's)%n",
                    arrivedWhileStopped);
            for (ServerProbe node : servers) {
                node.mdb("DeliveryMdb", "start-delivery");
            }
            awaitDeliveries(issues, Duration.ofMinutes(20));
            return;
        }
        // The same changes, their messages committed with them, but no delivery competing for the machine.
        System.out.printf("Issues created while delivery was stopped: %.0f/s%n", issues / stoppedSeconds);
        // Drain from the moment every message is on the Deliveries queue: none left in the outbox or on IssueEvents.
        while (server.queueDepth("IssueEvents") > 0 || servers.stream().anyMatch(ServerProbe::outboxNotEmpty)) {
            Thread.sleep(200);
        }
        long drain = System.nanoTime();
        for (ServerProbe node : servers) {
            node.mdb("DeliveryMdb", "start-delivery");
        }
        awaitDeliveries(issues, Duration.ofMinutes(20));
        double drainSeconds = (System.nanoTime() - drain) / 1e9;
        deliveries = delivered();
        System.out.printf("Deliveries: %d in %.1f s = %.0f deliveries/s (signed, sent, recorded) = %.1f%% of the raw limit%n",
                deliveries, drainSeconds, deliveries / drainSeconds, 100 * deliveries / drainSeconds / raw);
    }

    private void api(int issues, int clients) throws Exception {
        if (webhooks != 0) {
            throw new IllegalArgumentException("the api mode runs without webhooks (bench.webhooks=0)");
        }
        if (warmup > 0) {
            System.out.printf("Warm-up: closed loop for %d s (not counted)%n", warmup);
            long end = System.nanoTime() + warmup * 1_000_000_000L;
            while (System.nanoTime() < end) {
                load.closedLoop(500, clients);
            }
            reset();
        }
        for (int run = 1; run <= repeat; run++) {
            announce(run);
            reset();
            measureApi(issues, clients);
        }
    }

    private void measureApi(int issues, int clients) throws Exception {
        double raw = rawLimit();
        System.out.printf("Measuring: %d issues, %d API clients, from %s%n", issues, clients, nowUtc());
        ProcessorTime cpu = ProcessorTime.now();
        double seconds = load.closedLoop(issues, clients);
        String cpuLine = cpu.since(issues);
        System.out.printf("Issues created through the API, no webhook: %d in %.1f s = %.0f/s (%d clients) = %.1f%% of the "
                        + "raw limit; API call p50 %d ms, p95 %d ms, p99 %d ms; failures %d%n", issues, seconds, issues / seconds,
                clients, 100 * issues / seconds / raw, pct(ms(load.apiLatencies), 50), pct(ms(load.apiLatencies), 95),
                pct(ms(load.apiLatencies), 99), load.failures.get());
        System.out.println(cpuLine);
    }

    // --- parts -----------------------------------------------------------------------------------------------

    private void announce(int run) {
        if (repeat > 1) {
            System.out.printf("%n--- run %d of %d (same server, after the one warm-up) ---%n", run, repeat);
        }
    }

    /** Offers the load, printing a line every 10 s (and a heap reading every {@code heapEvery} s if > 0). */
    private long runAtRate(double rate, int seconds, int heapEvery, List<Long> heap, WorstBacklog worst, boolean shed) throws Exception {
        int[] second = {0};
        long[] windowStart = {System.nanoTime()};
        return load.openLoop(rate, seconds, () -> {
            second[0]++;
            if (second[0] % 10 == 0) {
                long now = System.nanoTime();
                List<Long> window = commitToReceipt(windowStart[0], now);
                windowStart[0] = now;
                long expected = load.committed.size() * (long) webhooks;
                long arrived = delivered();
                int waiting = load.inFlight.get(); // read once: the line prints what the verdict counts
                worst.note(second[0], waiting, expected - arrived);
                System.out.printf("  %4d s: %d events committed (%d API calls waiting), %d deliveries arrived (%d on their way); "
                                + "last 10 s: commit-to-receipt p50 %d ms, p95 %d ms, p99 %d ms%n", second[0], load.committed.size(),
                        waiting, arrived, expected - arrived, pct(window, 50), pct(window, 95), pct(window, 99));
            }
            if (heapEvery > 0 && second[0] % heapEvery == 0) {
                Thread reading = new Thread(() -> {
                    try {
                        heap.add(heapReading(second[0]));
                    } catch (Exception e) {
                        System.out.println("  heap reading failed: " + e.getMessage());
                    }
                });
                reading.start();
            }
        }, shed);
    }

    private long heapReading(int second) throws Exception {
        long used = server.heapAfterFullGc();
        System.out.printf("  %4d s: heap after full GC %d MB; queues IssueEvents %d, Deliveries %d; outbox %d%n", second,
                used / 1_000_000, server.queueDepth("IssueEvents"), server.queueDepth("Deliveries"), server.outbox());
        return used;
    }

    private double rawLimit() throws Exception {
        double raw = RawLimit.measure(receiver, 16, 10);
        System.out.printf("Raw limit: %.0f signed POSTs/s from a JDK client to the JDK receiver on loopback (16 threads, 10 s "
                + "after 5 s of warm-up)%n", raw);
        return raw;
    }

    /** Waits until every event's deliveries arrived; false if the timeout passed first. */
    private boolean awaitDeliveries(long events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered() < events * webhooks) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Deliveries that arrived for the issues created since the last reset (not the warm-up's late ones). */
    private long delivered() {
        return receiver.arrivals.keySet().stream().filter(k -> load.committed.containsKey(k.substring(0, 36))).count();
    }

    /** Every delivery's latency from its issue's API return to its arrival, in ms, sorted. */
    private List<Long> commitToReceipt() {
        return commitToReceipt(0, 0);
    }

    /** The same for the deliveries that arrived between two readings of System.nanoTime() (0, 0: all). */
    private List<Long> commitToReceipt(long from, long to) {
        List<Long> result = new ArrayList<>();
        for (Map.Entry<String, Long> arrival : receiver.arrivals.entrySet()) {
            Long committed = load.committed.get(arrival.getKey().substring(0, 36));
            boolean all = from == 0 && to == 0;
            if (committed != null && (all || arrival.getValue() - from > 0 && to - arrival.getValue() >= 0)) {
                result.add(Math.max(0, (arrival.getValue() - committed) / 1_000_000));
            }
        }
        Collections.sort(result);
        return result;
    }

    private void reset() {
        receiver.arrivals.clear();
        receiver.duplicates.set(0);
        load.reset();
    }

    /** A new organisation on the server at {@code base}, created with the bootstrap token: its API key. */
    static String organizationKey(HttpClient http, String base, String name) throws Exception {
        String body = post(http, base, "/api/v1/organizations", System.getProperty("bench.token", "bench-token"), "{\"name\":\"" + name + "\"}");
        int at = body.indexOf("\"apiKey\":\"");
        return body.substring(at + 10, body.indexOf('"', at + 10));
    }

    private static String post(HttpClient http, String base, String path, String key, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static List<Long> ms(java.util.Collection<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos.stream().map(n -> n / 1_000_000).toList());
        Collections.sort(sorted);
        return sorted;
    }

    /** The p-th percentile of a sorted list (0 if it is empty); Timeline's too. */
    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) ((long) sorted.size() * p / 100)));
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
