package io.issuehooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bean with a timer waits for the schema: an EJB timer starts with its bean, and without
 * {@code @DependsOn("SchemaMigrations")} a new server's first deployment ran the pending fan-out sweeper against a
 * database still being created, an ERROR with a stack trace in its log (relation "pending_fan_out" does not exist).
 */
class ScheduledBeansTest {

    @Test
    void everyTimedBeanDependsOnTheSchemaMigrations() throws IOException {
        List<Path> timed;
        try (Stream<Path> all = Files.walk(PackageDependenciesTest.SOURCES)) {
            timed = all.filter(p -> p.toString().endsWith(".java")).filter(p -> read(p).contains("@Schedule(")).toList();
        }
        assertThat(timed).as("the beans with a timer").isNotEmpty();
        assertThat(timed).allSatisfy(p -> assertThat(read(p)).as("%s", p).contains("@DependsOn(\"SchemaMigrations\")"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
