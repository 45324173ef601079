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
 * between packages, the shared ground (platform, contract, jdbc, outbound) uses no capability, the client jar's
 * bridge is used by nothing of the server, and every package
 * says what it is in a package-info.java.
 */
class PackageDependenciesTest {

    static final Path SOURCES = Path.of("src/main/java/io/issuehooks");
    /** A reference to a class of the application: its package (with sub-packages, such as delivery.store). */
    static final Pattern REFERENCE = Pattern.compile("\\bio\\.issuehooks\\.((?:[a-z]+\\.)*[a-z]+)\\.[A-Z]");
    static final Set<String> GROUND = Set.of("platform", "contract", "jdbc", "outbound");

    /** Package (relative to io.issuehooks, e.g. delivery.engine) -> the other packages of the application it refers to. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> result = new TreeMap<>();
        try (Stream<Path> all = Files.walk(SOURCES)) {
            for (Path f : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.');
                Set<String> uses = result.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    uses.add(m.group(1));
                }
            }
        }
        result.forEach((pkg, uses) -> uses.remove(pkg));
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
        assertThat(deps.get("contract")).as("the event contract stands alone").isEmpty();
        assertThat(deps.get("client")).as("the client jar holds the client and the contract only").containsOnly("contract");
        deps.forEach((pkg, uses) -> assertThat(uses).as("%s: Issuehooks itself does not use the client bridge", pkg)
                .doesNotContain("client"));
    }

    @Test
    void theDeliveryLayersPointDownwards() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertThat(deps.get("delivery.store")).as("the store knows no engine or API").doesNotContain("delivery.engine", "delivery.api");
        assertThat(deps.get("delivery.engine")).as("the engine knows no API").doesNotContain("delivery.api");
    }

    @Test
    void everyPackageSaysWhatItIs() throws IOException {
        for (String pkg : dependencies().keySet()) {
            assertThat(SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java")).as(pkg).exists();
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
