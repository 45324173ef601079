package io.issuehooks.delivery.engine;

/**
 * How many messages the relay's next transaction takes from the outbox: {@value #SMALL} while the relay keeps up,
 * growing to {@value #LARGE} only while the outbox stays long, and back as soon as a batch comes back short.
 *
 * <p>Both sizes were measured (docs/operations.md). At a rate the machine sustains a batch holds a few messages,
 * but a stall leaves hundreds, and a batch of up to 1,000 kept them all waiting for one long commit: 400 events/s
 * had a p95 of 47–332 ms where batches of 200 had 16–22 ms. On a starved machine a batch's fixed cost (round trips,
 * the synchronous writes of a two-branched commit) was about a second, and batches of 200 moved fewer messages than
 * the API committed. Several full batches in a row are that case, not a stall's backlog.
 */
final class RelayBatchLimit {

    static final int SMALL = 200;
    static final int LARGE = 1_000;
    /** Full batches in a row (a backlog of 600 or more) before the limit grows. */
    static final int FULL_BEFORE_GROWING = 3;

    private int limit = SMALL;
    private int fullInARow;

    int limit() {
        return limit;
    }

    /** Learns from a batch taken with the current limit; answers whether it was full, so that more may wait. */
    boolean taken(int messages) {
        if (messages < limit) {
            limit = SMALL;
            fullInARow = 0;
            return false;
        }
        if (++fullInARow >= FULL_BEFORE_GROWING) {
            limit = Math.min(LARGE, limit * 2);
        }
        return true;
    }
}
