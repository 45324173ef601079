package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.delivery.store.DeliveryRuns;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When a server that delivers first attempts itself reads the outbox at all: every second while what a previous run
 * left may still appear, then only when another server's run has lost its lease (a crash), whose rows nobody else
 * would send. SharedDatabaseIT sends such rows for real, within the first window; this covers the server that has
 * run longer than it, which no integration test waits for.
 */
class DeliveryRelayTest {

    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicInteger forgotten = new AtomicInteger();

    @Test
    void aServerPastItsLeftoverWindowReadsTheOutboxOnlyWhileARunsLeaseHasRunOut() {
        DeliveryRelay relay = relay(Instant.now().minus(DeliveryRelay.LEFTOVER_WINDOW).minusSeconds(1));
        assertThat(relay.anythingToRelay()).as("before the first read that finds nothing").isTrue();

        relay.relayOldest();
        assertThat(forgotten).as("the runs whose lease ran out and whose rows are gone forgotten").hasValue(1);
        assertThat(relay.anythingToRelay()).as("every run alive").isFalse();
        expired.set(true);
        assertThat(relay.anythingToRelay()).as("a run's lease has run out").isTrue();
    }

    @Test
    void withinTheWindowAndOnARelayingServerTheOutboxIsReadEverySecond() {
        for (Instant started : new Instant[] {Instant.now().minus(DeliveryRelay.LEFTOVER_WINDOW).plusSeconds(60), null}) {
            DeliveryRelay relay = relay(started);
            relay.relayOldest();
            assertThat(relay.anythingToRelay()).as("started %s", started).isTrue();
        }
    }

    private DeliveryRelay relay(Instant started) {
        DeliveryRelay relay = new DeliveryRelay();
        relay.outbox = new DeliveryOutbox() {
            @Override
            public List<Stored> readOldest(int limit, UUID own) {
                return List.of();
            }
        };
        relay.runs = new DeliveryRuns() {
            @Override
            public boolean anyExpired(UUID own) {
                return expired.get();
            }

            @Override
            public void forgetExpired(UUID own) {
                forgotten.incrementAndGet();
            }
        };
        relay.direct = new DirectDelivery() {
            @Override
            Instant started() {
                return started;
            }

            @Override
            UUID ownRun() {
                return null;
            }
        };
        return relay;
    }
}
