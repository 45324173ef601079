package io.issuehooks.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A measurement's commit-to-receipt second by second (BENCH_TIMELINE=file, property bench.timeline): for each UTC
 * second in which events were committed, how many, and the p50, p95 and max of their deliveries' latency. The ten-second
 * lines of the log say that a window's tail was high; this says in which second, to be set beside what a Java Flight
 * Recorder recording of the server shows then (its pauses, compilations, waits), whose times are the same wall clock.
 * Appended to, one block per measurement, each after a comment line naming it.
 */
final class Timeline {

    /** The wall clock and System.nanoTime() read together: the commits and arrivals are nanoTime readings. */
    private final long wallMillis = System.currentTimeMillis();
    private final long nanos = System.nanoTime();

    void write(Path file, String title, Map<String, Long> committed, Map<String, Long> arrivals) throws IOException {
        TreeMap<Long, List<Long>> bySecond = new TreeMap<>();
        for (Map.Entry<String, Long> arrival : arrivals.entrySet()) {
            Long commit = committed.get(arrival.getKey().substring(0, 36));
            if (commit != null) {
                long second = Math.floorDiv(wallMillis + (commit - nanos) / 1_000_000, 1000);
                bySecond.computeIfAbsent(second, s -> new ArrayList<>()).add(Math.max(0, (arrival.getValue() - commit) / 1_000_000));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# " + title);
        lines.add("# second (UTC, when committed), deliveries, p50 ms, p95 ms, max ms");
        bySecond.forEach((second, latencies) -> {
            Collections.sort(latencies);
            lines.add(Instant.ofEpochSecond(second) + "," + latencies.size() + "," + DeliveryBenchmark.pct(latencies, 50) + ","
                    + DeliveryBenchmark.pct(latencies, 95) + "," + latencies.get(latencies.size() - 1));
        });
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
