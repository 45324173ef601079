package io.issuehooks.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored-work target for the API alone, measured so that the machine's own swings cancel out: two servers run
 * at once, one on a fresh database and one on a database with the work of a long-running server stored
 * ({@link Preload}), and the API is measured on each in turn, a few seconds apart, pair after pair (fresh first in
 * odd pairs, preloaded first in even ones). Measured one server at a time, minutes apart, this shared machine's
 * speed moved more between the two than the target allows (docs/operations.md, "The API alone on stored work, in
 * pairs"). The processor time of the server not measured (its relay's poll, once a second) falls into both sides
 * alike.
 *
 * <p>Mode {@code api} only, started by .ci/benchmark with BENCH_PRELOAD=paired: bench.urls names the fresh server,
 * then the preloaded one; bench.db.url2 is the preloaded one's database.
 */
final class StoredWorkPairs {

    private StoredWorkPairs() {
    }

    static void run(String mode) throws Exception {
        if (!"api".equals(mode)) {
            throw new IllegalArgumentException("BENCH_PRELOAD=paired measures the api mode only, not " + mode);
        }
        String[] urls = System.getProperty("bench.urls").split(",");
        Preload.run(System.getProperty("bench.db.url2"), System.getProperty("bench.db.user"), System.getProperty("bench.db.password"));
        int issues = Integer.getInteger("bench.issues", 5000);
        int clients = Integer.getInteger("bench.clients", 8);
        int pairs = Integer.getInteger("bench.repeat", 1);
        HttpClient http = HttpClient.newHttpClient();
        Map<String, LoadGenerator> sides = Map.of(
                "fresh", new LoadGenerator(List.of(urls[0]), DeliveryBenchmark.organizationKey(http, urls[0], "bench-fresh")),
                "preloaded", new LoadGenerator(List.of(urls[1]), DeliveryBenchmark.organizationKey(http, urls[1], "bench-preloaded")));
        warmUp(sides, Integer.getInteger("bench.warmup", 60), clients);
        List<Double> differences = new ArrayList<>();
        try (BenchReceiver receiver = new BenchReceiver()) {
            for (int pair = 1; pair <= pairs; pair++) {
                double raw = RawLimit.measure(receiver, 16, 10);
                System.out.printf("%n--- pair %d of %d; raw limit %.0f signed POSTs/s ---%n", pair, pairs, raw);
                Map<String, Double> rates = new HashMap<>();
                for (String side : pair % 2 == 1 ? List.of("fresh", "preloaded") : List.of("preloaded", "fresh")) {
                    rates.put(side, measure(side, sides.get(side), issues, clients));
                }
                differences.add(100 * (rates.get("preloaded") - rates.get("fresh")) / rates.get("fresh"));
            }
        }
        summarize(differences);
    }

    /** Both servers warmed by the same load, in turns of 500 issues, each for about {@code seconds}. */
    private static void warmUp(Map<String, LoadGenerator> sides, int seconds, int clients) throws Exception {
        System.out.printf("Warm-up: closed loop on both servers in turns, %d s each (not counted)%n", seconds);
        long end = System.nanoTime() + 2L * seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (LoadGenerator side : sides.values()) {
                side.closedLoop(500, clients);
            }
        }
    }

    private static double measure(String name, LoadGenerator load, int issues, int clients) throws Exception {
        load.reset();
        ProcessorTime cpu = ProcessorTime.now();
        double seconds = load.closedLoop(issues, clients);
        List<Long> latencies = DeliveryBenchmark.ms(load.apiLatencies);
        System.out.printf("Issues created through the API, %s database: %d in %.1f s = %.0f/s; API call p50 %d ms, p95 %d ms; "
                        + "failures %d%n", name, issues, seconds, issues / seconds, DeliveryBenchmark.pct(latencies, 50),
                DeliveryBenchmark.pct(latencies, 95), load.failures.get());
        System.out.println("  " + cpu.since(issues));
        return issues / seconds;
    }

    private static void summarize(List<Double> differences) {
        double mean = differences.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = differences.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, differences.size() - 1);
        System.out.printf("%nStored work, preloaded against fresh, pair by pair: %s%n",
                differences.stream().map(d -> String.format("%+.1f%%", d)).toList());
        System.out.printf("Mean of the pairs: %+.1f%% (one standard error %.1f points, %d pairs)%n", mean,
                Math.sqrt(variance / differences.size()), differences.size());
    }
}
