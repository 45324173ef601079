package io.issuehooks.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of a benchmarked server's execution samples (Java Flight Recorder's {@code jdk.ExecutionSample}) spent
 * in given methods, to size a saving before building it (docs/operations.md, "Processor time per event"): a sample
 * counts for a method when any frame of its stack is in it, so record with
 * {@code -XX:FlightRecorderOptions=stackdepth=256} or deep stacks are cut off before the frame is reached. Only
 * samples between two instants count (a measured minute, not the warm-up). Not part of any test; run as a single
 * source file, each method as {@code class.method}, a prefix of it, or a package:
 *
 * <pre>java src/test/java/io/issuehooks/bench/SampleShares.java rec.jfr 2026-12-06T13:05:00Z 2026-12-06T13:05:45Z \
 *     io.issuehooks.security.SecretCipher.decrypt io.issuehooks.delivery.store.DeliveryReader.subscribers</pre>
 */
public final class SampleShares {

    private SampleShares() {
    }

    public static void main(String[] args) throws Exception {
        Instant from = Instant.parse(args[1]);
        Instant to = Instant.parse(args[2]);
        List<String> methods = List.of(args).subList(3, args.length);
        Map<String, Integer> threads = new TreeMap<>();
        Map<String, Map<String, Integer>> hits = new LinkedHashMap<>();
        methods.forEach(m -> hits.put(m, new TreeMap<>()));
        int all = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStartTime().isBefore(from)
                    || !e.getStartTime().isBefore(to) || e.getStackTrace() == null) {
                continue;
            }
            all++;
            String thread = kind(e.getThread("sampledThread"));
            threads.merge(thread, 1, Integer::sum);
            List<String> frames = new ArrayList<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
            for (String m : methods) {
                if (frames.stream().anyMatch(f -> f.startsWith(m))) {
                    hits.get(m).merge(thread, 1, Integer::sum);
                }
            }
        }
        System.out.println("Execution samples from " + from + " to " + to + ": " + all + " " + threads);
        for (String m : methods) {
            int n = hits.get(m).values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%s: %d (%.1f%% of all) %s%n", m, n, all == 0 ? 0.0 : 100.0 * n / all, hits.get(m));
        }
    }

    /** The thread's pool: its name without the numbers that tell its threads apart. */
    private static String kind(RecordedThread thread) {
        String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
        return name.replaceAll("[-_ ]?\\d+", "").replaceAll("[-_ (]+$", "");
    }
}
