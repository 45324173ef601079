package io.issuehooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies point one way, read from the sources' imports and fully qualified names: no cycle
 * between packages, the shared ground (platform, client, jdbc, outbound) uses no capability, and every package
 * says what it is in a package-info.java.
 */
class PackageDependenciesTest {

    static final Path SOURCES = Path.of("src/main/java/io/issuehooks");
    static final Pattern REFERENCE = Pattern.compile("\\bio\\.issuehooks\\.([a-z]+)\\.");
    static final Set<String> GROUND = Set.of("platform", "client", "jdbc", "outbound");

    /** Package -> the other packages of the application it refers to. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> result = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String pkg = dir.getFileName().toString();
                Set<String> uses = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = REFERENCE.matcher(Files.readString(f));
                        while (m.find()) {
                            uses.add(m.group(1));
                        }
                    }
                }
                uses.remove(pkg);
                result.put(pkg, uses);
            }
        }
        return result;
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : deps.keySet()) {
            findCycle(start, start, deps, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles, from %s", deps).isEmpty();
    }

    @Test
    void theSharedGroundUsesNoCapability() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        for (String ground : GROUND) {
            assertThat(deps.get(ground)).as("what %s uses", ground).allMatch(GROUND::contains);
        }
        assertThat(deps.get("client")).as("the client jar's contract stands alone").isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIs() throws IOException {
        for (String pkg : dependencies().keySet()) {
            assertThat(SOURCES.resolve(pkg).resolve("package-info.java")).as(pkg).exists();
        }
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> deps, List<String> path, Set<String> seen,
            List<String> cycles) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, deps, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
