package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay takes small batches while it keeps up, and large ones only while the outbox stays long. */
class RelayBatchLimitTest {

    @Test
    void aStallsBacklogIsRelayedInSmallBatches() {
        RelayBatchLimit limit = new RelayBatchLimit();
        assertThat(limit.limit()).isEqualTo(200);

        // 450 messages left by a stall: two full batches, then a short one that ends the drain.
        assertThat(limit.taken(200)).isTrue();
        assertThat(limit.limit()).isEqualTo(200);
        assertThat(limit.taken(200)).isTrue();
        assertThat(limit.limit()).isEqualTo(200);
        assertThat(limit.taken(50)).isFalse();
        assertThat(limit.limit()).isEqualTo(200);
    }

    @Test
    void anOutboxThatStaysLongGrowsTheBatchesToTheLargeLimitAndAShortBatchShrinksThem() {
        RelayBatchLimit limit = new RelayBatchLimit();
        List<Integer> limits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            limits.add(limit.limit());
            assertThat(limit.taken(limit.limit())).isTrue();
        }
        assertThat(limits).containsExactly(200, 200, 200, 400, 800, 1_000, 1_000);

        assertThat(limit.taken(999)).as("a short batch: the outbox is drained").isFalse();
        assertThat(limit.limit()).isEqualTo(200);
        assertThat(limit.taken(200)).isTrue();
        assertThat(limit.limit()).as("a full batch after the drain starts the count again").isEqualTo(200);
    }

    @Test
    void anEmptyOutboxIsNotFull() {
        assertThat(new RelayBatchLimit().taken(0)).isFalse();
    }
}
