package io.issuehooks.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Beside a running benchmark, every few seconds: how long a fixed computation (SHA-256 over 32 MiB) took in processor
 * time and on the wall clock, and since the last reading the processor time of the server, PostgreSQL and the
 * benchmark per issue committed (PostgreSQL's count of inserted {@code issue} rows). It tells a slower processor
 * (the computation's processor time grows) from a costlier path (the milliseconds per issue grow, the computation
 * does not) minute by minute, where the benchmark prints one figure per measurement (docs/operations.md, "The
 * current code in a middling hour"). Linux only; not part of any test; run as a single source file, stopped with
 * Ctrl-C:
 *
 * <pre>java src/test/java/io/issuehooks/bench/MachineProbe.java 15 issuehooks_bench &gt; /tmp/probe.csv</pre>
 */
public final class MachineProbe {

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
        double[] last = null;
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
            double[] now = {seconds(cmd -> cmd.contains("org.jboss.as.standalone")), seconds(cmd -> cmd.startsWith("postgres") || cmd.contains("/bin/postgres ")),
                    seconds(cmd -> cmd.contains("io.issuehooks.bench.DeliveryBenchmark")), issues(database)};
            String time = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
            if (last == null || now[3] <= last[3]) {
                System.out.printf("%s,%.0f,%.0f,0,,,%n", time, cpuMs, wallMs);
            } else {
                double issues = now[3] - last[3];
                System.out.printf("%s,%.0f,%.0f,%.0f,%.2f,%.2f,%.2f%n", time, cpuMs, wallMs, issues, 1000 * (now[0] - last[0]) / issues,
                        1000 * (now[1] - last[1]) / issues, 1000 * (now[2] - last[2]) / issues);
            }
            last = now;
            Thread.sleep(Math.max(0, intervalMillis - (System.nanoTime() - wall0) / 1_000_000));
        }
    }

    /** Processor time (user and system, seconds) of the processes whose command line matches. */
    private static double seconds(Predicate<String> commandLine) throws Exception {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (commandLine.test(cmd)) {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException gone) {
                    // the process ended between the listing and the reading
                }
            }
        }
        return ticks / 100.0; // USER_HZ, 100 on Linux
    }

    private static double issues(String database) throws Exception {
        Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc",
                "select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = 'issue'").redirectErrorStream(true).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        psql.waitFor();
        return out.matches("\\d+") ? Double.parseDouble(out) : 0;
    }
}
