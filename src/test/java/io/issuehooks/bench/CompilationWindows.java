package io.issuehooks.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the JIT compiled when, from a Java Flight Recorder recording of a benchmarked server whose
 * {@code jdk.Compilation} threshold is 0 ms (docs/operations.md, "A freshly started server"): the compilations
 * counted by the compiled method's part of the server, and Issuehooks' by class, in windows relative to a
 * reference time (the start of the first measured minute, which the benchmark's first "Measuring:" line prints).
 * Not part of any test; run as a single source file:
 *
 * <pre>java src/test/java/io/issuehooks/bench/CompilationWindows.java /tmp/fresh.jfr 2026-12-06T10:17:46Z</pre>
 */
public final class CompilationWindows {

    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("Apache HttpClient", List.of("org.apache.hc."));
        PARTS.put("Issuehooks", List.of("io.issuehooks."));
        PARTS.put("PostgreSQL driver", List.of("org.postgresql."));
        PARTS.put("Artemis", List.of("org.apache.activemq."));
        PARTS.put("API HTTP path", List.of("io.undertow.", "org.jboss.resteasy.", "org.jboss.weld.", "org.eclipse.parsson.",
                "org.eclipse.yasson.", "jakarta."));
        PARTS.put("Hibernate", List.of("org.hibernate."));
        PARTS.put("JCA", List.of("org.jboss.jca.", "org.jboss.as.connector."));
        PARTS.put("Narayana", List.of("com.arjuna.", "org.jboss.narayana.", "org.jboss.tm."));
        PARTS.put("JDK", List.of("java.", "jdk.", "sun.", "javax."));
    }

    private record Window(String name, int from, int to) {
    }

    private static final List<Window> WINDOWS = List.of(new Window("warm-up (its last 60 s)", -75, -15),
            new Window("raw limit", -15, 0), new Window("minute 1", 0, 60), new Window("minute 1, first 20 s", 0, 20),
            new Window("minute 2 (with the pause before it)", 60, 200));

    private CompilationWindows() {
    }

    public static void main(String[] args) throws Exception {
        Instant reference = Instant.parse(args[1]);
        Map<Window, Map<String, Integer>> parts = new LinkedHashMap<>();
        Map<Window, Map<String, Integer>> classes = new LinkedHashMap<>();
        WINDOWS.forEach(w -> {
            parts.put(w, new TreeMap<>());
            classes.put(w, new TreeMap<>());
        });
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.Compilation")) {
                continue;
            }
            long second = Duration.between(reference, e.getStartTime()).toSeconds();
            RecordedMethod method = e.getValue("method");
            String type = method == null ? "" : method.getType().getName();
            for (Window w : WINDOWS) {
                if (second >= w.from() && second < w.to()) {
                    parts.get(w).merge(part(type), 1, Integer::sum);
                    parts.get(w).merge("(all)", 1, Integer::sum);
                    if (type.startsWith("io.issuehooks.")) {
                        classes.get(w).merge(simpleName(type), 1, Integer::sum);
                    }
                }
            }
        }
        for (Window w : WINDOWS) {
            System.out.println(w.name() + ": " + parts.get(w));
            System.out.println("    Issuehooks by class: " + classes.get(w));
        }
    }

    /** The class's own name; a nested class or a lambda counts for the class it is in. */
    private static String simpleName(String type) {
        String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
        return outer.substring(outer.lastIndexOf('.') + 1);
    }

    private static String part(String type) {
        return PARTS.entrySet().stream().filter(p -> p.getValue().stream().anyMatch(type::startsWith)).map(Map.Entry::getKey)
                .findFirst().orElse("other");
    }
}
