package io.issuehooks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where the machine's processor time went while a figure was measured: the server(s), PostgreSQL, a remote broker
 * and the benchmark's own JVM (its client and receiver), each as processor time per event and as a share of the
 * machine. It says how much of the machine the server had for the figure beside it, and which part a saving must
 * come from. Milliseconds per event grow as this shared machine slows, as throughput falls, so compare them within
 * one series, runs alternated, like every other figure. Read from the operating system ({@link ProcessHandle}, and
 * /proc/stat for the whole machine on Linux); a part with no process found (PostgreSQL on another machine, no remote
 * broker) is left out, and a process that ended during the measurement (a PostgreSQL backend closed by the pool) is
 * not counted.
 */
final class ProcessorTime {

    /** The processes of each part, told apart by what the operating system says of them; the benchmark is this JVM. */
    private static final Map<String, Predicate<ProcessHandle.Info>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("server", info -> arguments(info).contains("-D[Standalone]"));
        PARTS.put("PostgreSQL", info -> info.command().map(c -> c.endsWith("/postgres") || c.startsWith("postgres")).orElse(false));
        PARTS.put("broker", info -> arguments(info).contains("artemis.instance"));
    }

    /** Processor time of each part found (in {@link #PARTS}' order, then the benchmark), in nanoseconds. */
    private final Map<String, Long> nanos;
    private final long[] machine;
    private final long at = System.nanoTime();

    private ProcessorTime(Map<String, Long> nanos, long[] machine) {
        this.nanos = nanos;
        this.machine = machine;
    }

    /** A reading in which the benchmark is this JVM. */
    static ProcessorTime now() {
        long self = ProcessHandle.current().pid();
        return of((p, info) -> p.pid() == self);
    }

    /** A reading in which the benchmark is the process {@code benchmark} accepts (read from beside it: {@link MachineProbe}). */
    static ProcessorTime of(BiPredicate<ProcessHandle, ProcessHandle.Info> benchmark) {
        Map<String, Long> found = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            ProcessHandle.Info info = p.info(); // read once: each call reads the process's files in /proc again
            String part = benchmark.test(p, info) ? "benchmark" : PARTS.entrySet().stream().filter(e -> e.getValue().test(info))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (part != null) {
                found.merge(part, info.totalCpuDuration().map(Duration::toNanos).orElse(0L), Long::sum);
            }
        });
        Map<String, Long> nanos = new LinkedHashMap<>();
        Stream.concat(PARTS.keySet().stream(), Stream.of("benchmark")).filter(found::containsKey)
                .forEach(part -> nanos.put(part, found.get(part)));
        return new ProcessorTime(nanos, machineTicks().orElse(null));
    }

    /** One line: each part's processor time per event since this reading, and its share of the machine. */
    String since(long events) {
        ProcessorTime later = now();
        double capacity = (later.at - at) * (double) Runtime.getRuntime().availableProcessors();
        StringBuilder line = new StringBuilder("Processor time per event:");
        used(later).forEach((part, used) -> line.append(String.format(" %s %.2f ms (%.0f%% of the machine),", part,
                used / 1e6 / Math.max(1, events), 100 * used / capacity)));
        if (machine != null && later.machine != null) {
            long total = Arrays.stream(later.machine).sum() - Arrays.stream(machine).sum();
            long idle = later.machine[3] + later.machine[4] - machine[3] - machine[4];
            line.append(String.format(" machine busy %.0f%%", total == 0 ? 0 : 100.0 * (total - idle) / total));
        }
        return line.append(String.format(" (%d events)", events)).toString();
    }

    /** Each part's processor time from this reading to {@code later}, in nanoseconds, in this reading's order. */
    Map<String, Long> used(ProcessorTime later) {
        Map<String, Long> used = new LinkedHashMap<>();
        nanos.forEach((part, before) -> used.put(part, later.nanos.getOrDefault(part, before) - before));
        return used;
    }

    static String arguments(ProcessHandle.Info info) {
        return info.arguments().map(a -> String.join(" ", a)).orElse("");
    }

    /** The first line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal (clock ticks). */
    private static Optional<long[]> machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return Optional.of(Arrays.stream(cpu.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong).toArray());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
