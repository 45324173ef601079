package io.issuehooks.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the whole machine's time went while the benchmark ran, the kernel's work included: the samples of
 * {@code perf record -a -g} (every process, every thread, on or off a Java stack), by group of threads (the
 * thread's name without its number, so the server's eight {@code default task-N} count as one) and by what the
 * sample's stack was doing. Java Flight Recorder sees only the server's Java code; this sees PostgreSQL, the
 * benchmark, the kernel's side of every system call and context switch, and the host's own threads
 * (docs/operations.md, "The kernel's share"). Not part of any test; run as a single source file on the text of
 * {@code perf script}:
 *
 * <pre>perf script -i /tmp/perf.data -F comm,tid,ip,sym | java src/test/java/io/issuehooks/bench/PerfShares.java</pre>
 *
 * A sample is in the kernel when its innermost frame is a kernel address; a kernel sample is then put in the
 * first of these kinds any frame of its stack names: switching threads or waking one on the other core
 * ({@code __schedule}, {@code reschedule_ipi}), the network ({@code tcp_}, {@code sock_}, {@code net_rx},
 * {@code inet_}), futexes (a thread waking or waiting for another), the disk ({@code fsync}, {@code ext4},
 * {@code io_submit}, {@code blk_}), entering and leaving any other system call ({@code do_syscall_64}), anything
 * else (interrupts; the idle loop of {@code swapper}, which is the machine's idle time).
 */
public final class PerfShares {

    static final List<String> KINDS = List.of("user", "switch/wake", "network", "futex", "disk", "syscall", "other kernel");

    private PerfShares() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, long[]> groups = new TreeMap<>();
        long[] all = new long[KINDS.size()];
        String thread = null;
        List<String> frames = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null || line.isBlank()) {
                    if (thread != null) {
                        int kind = kind(frames);
                        all[kind]++;
                        groups.computeIfAbsent(group(thread), g -> new long[KINDS.size()])[kind]++;
                    }
                    thread = null;
                    frames.clear();
                    if (line == null) {
                        break;
                    }
                } else if (!Character.isWhitespace(line.charAt(0))) {
                    thread = line.trim();
                } else {
                    frames.add(line.trim());
                }
            }
        }
        long total = Arrays.stream(all).sum();
        System.out.printf("%-24s %7s%s%n", "threads", "all", String.join("", KINDS.stream().map(k -> String.format(" %12s", k)).toList()));
        print("(the whole machine)", all, total);
        groups.entrySet().stream().sorted((a, b) -> Long.compare(sum(b.getValue()), sum(a.getValue()))).limit(25)
                .forEach(e -> print(e.getKey(), e.getValue(), total));
        System.out.printf("%d samples; shares are of all samples%n", total);
    }

    /**
     * The thread's name without its tid and its digits; perf keeps 15 characters of it, so what follows a
     * {@code " ("} (cut at different lengths for {@code Thread-1 (activemq-...)} and {@code Thread-13 (...)}) is
     * shortened to {@code (…)}.
     */
    static String group(String header) {
        String name = header.replaceAll("\\s+\\d+$", "").replaceAll("\\d+", "N");
        int paren = name.indexOf(" (");
        return paren < 0 ? name : name.substring(0, paren) + " (…)";
    }

    static int kind(List<String> frames) {
        if (frames.isEmpty() || !frames.get(0).startsWith("ffff")) {
            return 0;
        }
        String stack = String.join(" ", frames);
        if (stack.contains("__schedule") || stack.contains("reschedule_ipi")) {
            return 1;
        }
        if (stack.contains(" tcp_") || stack.contains(" sock_") || stack.contains("net_rx") || stack.contains("inet_")) {
            return 2;
        }
        if (stack.contains("futex")) {
            return 3;
        }
        if (stack.contains("fsync") || stack.contains("ext4") || stack.contains("io_submit") || stack.contains(" blk_")) {
            return 4;
        }
        if (stack.contains("do_syscall_64")) {
            return 5;
        }
        return 6;
    }

    private static void print(String group, long[] counts, long total) {
        StringBuilder line = new StringBuilder(String.format("%-24s %6.1f%%", group, 100.0 * sum(counts) / total));
        for (long c : counts) {
            line.append(String.format(" %11.1f%%", 100.0 * c / total));
        }
        System.out.println(line);
    }

    private static long sum(long[] counts) {
        return Arrays.stream(counts).sum();
    }
}
