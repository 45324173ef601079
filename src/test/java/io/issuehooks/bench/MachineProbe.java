package io.issuehooks.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;

/**
 * Beside a running benchmark, every few seconds: how long a fixed computation (SHA-256 over 32 MiB) took in processor
 * time and on the wall clock, and since the last reading the processor time of the server, PostgreSQL and the
 * benchmark per issue committed (PostgreSQL's count of inserted {@code issue} rows), read as {@link ProcessorTime}
 * reads it for the benchmark's own lines. It tells a slower processor (the computation's processor time grows) from a
 * costlier path (the milliseconds per issue grow, the computation does not) minute by minute, where the benchmark
 * prints one figure per measurement (docs/operations.md, "The current code in a middling hour"). Not part of any
 * test; run from the compiled test classes (which {@code .ci/benchmark} builds), stopped with Ctrl-C:
 *
 * <pre>java -cp target/test-classes io.issuehooks.bench.MachineProbe 15 issuehooks_bench &gt; /tmp/probe.csv</pre>
 */
public final class MachineProbe {

    /** The benchmark's JVM: Maven running {@link DeliveryBenchmark}. */
    private static final BiPredicate<ProcessHandle, ProcessHandle.Info> BENCHMARK =
            (p, info) -> ProcessorTime.arguments(info).contains(DeliveryBenchmark.class.getName());

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private MachineProbe() {
    }

    public static void main(String[] args) throws Exception {
        long intervalMillis = (long) (Double.parseDouble(args.length > 0 ? args[0] : "15") * 1000);
        String database = args.length > 1 ? args[1] : "issuehooks_bench";
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        for (int i = 0; i < 16; i++) {
            MessageDigest.getInstance("SHA-256").digest(data); // compiled before the first reading
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProcessorTime last = null;
        long lastIssues = 0;
        System.out.println("time,probe_cpu_ms,probe_wall_ms,issues,server_ms_per_issue,postgres_ms_per_issue,benchmark_ms_per_issue");
        while (true) {
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 4; i++) {
                sha.update(data);
            }
            sha.digest();
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            double wallMs = (System.nanoTime() - wall0) / 1e6;
            ProcessorTime now = ProcessorTime.of(BENCHMARK);
            long issues = issues(database);
            String time = LocalTime.now(ZoneOffset.UTC).format(TIME); // toString would drop the seconds at :00
            if (last == null || issues <= lastIssues) {
                System.out.printf("%s,%.0f,%.0f,0,,,%n", time, cpuMs, wallMs);
            } else {
                Map<String, Long> used = last.used(now);
                double perIssue = 1e6 * (issues - lastIssues);
                System.out.printf("%s,%.0f,%.0f,%d,%.2f,%.2f,%.2f%n", time, cpuMs, wallMs, issues - lastIssues,
                        used.getOrDefault("server", 0L) / perIssue, used.getOrDefault("PostgreSQL", 0L) / perIssue,
                        used.getOrDefault("benchmark", 0L) / perIssue);
            }
            last = now;
            lastIssues = issues;
            Thread.sleep(Math.max(0, intervalMillis - (System.nanoTime() - wall0) / 1_000_000));
        }
    }

    private static long issues(String database) throws Exception {
        Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc",
                "select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = 'issue'").redirectErrorStream(true).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        psql.waitFor();
        return out.matches("\\d+") ? Long.parseLong(out) : 0;
    }
}
