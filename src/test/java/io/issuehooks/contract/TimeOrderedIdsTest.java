package io.issuehooks.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void isAVersion7UuidOfTheRfcVariant() {
        UUID id = TimeOrderedIds.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void carriesItsCreationTimeInItsFirst48Bits() {
        long millis = Instant.parse("2026-12-04T01:02:03.456Z").toEpochMilli();
        UUID id = TimeOrderedIds.at(millis);
        assertThat(millisOf(id)).isEqualTo(millis);
        // RFC 9562's layout: the first 12 hex digits are the milliseconds
        assertThat(id.toString().replace("-", "").substring(0, 12)).isEqualTo(String.format("%012x", millis));
    }

    /** RFC 9562: the milliseconds are the 48 most significant bits. */
    static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsPostgresqlOrdersUuids() {
        // PostgreSQL compares uuids byte by byte, unsigned: the same order as their lowercase text
        long start = Instant.parse("2026-12-04T00:00:00Z").toEpochMilli();
        List<String> ids = List.of(TimeOrderedIds.at(start), TimeOrderedIds.at(start + 1), TimeOrderedIds.at(start + 1_000),
                TimeOrderedIds.at(start + 86_400_000L)).stream().map(UUID::toString).toList();
        assertThat(ids).isSorted();
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        long now = System.currentTimeMillis();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.at(now));
        }
        assertThat(ids).hasSize(100_000);
    }
}
