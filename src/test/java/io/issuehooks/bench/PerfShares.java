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

    /** What a sample's stack was doing: a kernel sample is the first kind any of whose markers its stack names. */
    enum Kind {
        USER("user"),
        SWITCH("switch/wake", "__schedule", "reschedule_ipi"),
        NETWORK("network", " tcp_", " sock_", "net_rx", "inet_"),
        FUTEX("futex", "futex"),
        DISK("disk", "fsync", "ext4", "io_submit", " blk_"),
        SYSCALL("syscall", "do_syscall_64"),
        OTHER("other kernel");

        final String label;
        private final List<String> markers;

        Kind(String label, String... markers) {
            this.label = label;
            this.markers = List.of(markers);
        }
    }

    private PerfShares() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, long[]> groups = new TreeMap<>();
        long[] all = new long[Kind.values().length];
        String thread = null;
        List<String> frames = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null || line.isBlank()) {
                    if (thread != null) {
                        int kind = kind(frames).ordinal();
                        all[kind]++;
                        groups.computeIfAbsent(group(thread), g -> new long[all.length])[kind]++;
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
        long total = sum(all);
        System.out.printf("%-24s %7s%s%n", "threads", "all", String.join("", Arrays.stream(Kind.values()).map(k -> String.format(" %12s", k.label)).toList()));
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

    static Kind kind(List<String> frames) {
        if (frames.isEmpty() || !frames.get(0).startsWith("ffff")) {
            return Kind.USER;
        }
        String stack = String.join(" ", frames);
        return Arrays.stream(Kind.values()).filter(k -> k.markers.stream().anyMatch(stack::contains)).findFirst().orElse(Kind.OTHER);
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
