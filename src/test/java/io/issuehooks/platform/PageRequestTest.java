package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    record Row(Instant createdAt, UUID id) {
    }

    @Test
    void theNextCursorPointsAfterTheLastRowShown() {
        PageRequest page = PageRequest.of("2", null);
        List<Row> rows = List.of(new Row(Instant.parse("2026-01-01T00:00:00Z"), UUID.randomUUID()),
                new Row(Instant.parse("2026-01-02T00:00:00Z"), UUID.randomUUID()),
                new Row(Instant.parse("2026-01-03T00:00:00Z"), UUID.randomUUID()));

        var json = page.page(rows, Row::createdAt, Row::id, r -> Json.createObjectBuilder().add("id", r.id().toString()).build());

        assertThat(json.getJsonArray("data")).hasSize(2);
        PageRequest next = PageRequest.of("2", json.getString("nextCursor"));
        assertThat(next.afterCreatedAt()).isEqualTo(rows.get(1).createdAt());
        assertThat(next.afterId()).isEqualTo(rows.get(1).id());
    }

    @Test
    void lastPageHasNoCursorAndBadParametersAreRefused() {
        var json = PageRequest.of(null, null).page(List.<Row>of(), Row::createdAt, Row::id, r -> null);
        assertThat(json.isNull("nextCursor")).isTrue();
        assertThatThrownBy(() -> PageRequest.of("101", null)).isInstanceOf(ApiException.class).hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> PageRequest.of("x", null)).hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> PageRequest.of(null, "not-a-cursor")).hasMessageStartingWith("cursor:");
    }
}
