package io.issuehooks.bench;

/**
 * The largest backlog at a fixed rate's ten-second readings: API calls waiting for an answer and deliveries of
 * answered calls still on their way. A node that falls minutes behind in the middle of a soak and catches up before
 * its end has not kept up, though its end looks as if it had.
 */
final class WorstBacklog {

    /** How many seconds' worth of backlog a ten-second reading may show (see {@link #within}). */
    private static final int SECONDS = 5;

    private long apiWaiting;
    private int apiSecond;
    private long onTheWay;
    private int onTheWaySecond;

    void note(int second, long waiting, long deliveriesOnTheWay) {
        if (waiting > apiWaiting) {
            apiWaiting = waiting;
            apiSecond = second;
        }
        if (deliveriesOnTheWay > onTheWay) {
            onTheWay = deliveriesOnTheWay;
            onTheWaySecond = second;
        }
    }

    /**
     * At most five seconds' worth of each at every reading. Not one, as at the end of the offering: a reading is a
     * snapshot under load, where one slow second (a collection, a checkpoint, the raw limit's load just before the
     * first reading) leaves a second's worth or two that the next reading finds gone; five seconds' worth is a node
     * that has fallen behind.
     */
    boolean within(double rate, int webhooks) {
        return apiWaiting <= SECONDS * rate && onTheWay <= SECONDS * rate * webhooks;
    }

    @Override
    public String toString() {
        return String.format("at the 10-s readings at most %d API calls waiting%s and %d deliveries on their way%s", apiWaiting,
                apiWaiting > 0 ? " (" + apiSecond + " s)" : "", onTheWay, onTheWay > 0 ? " (" + onTheWaySecond + " s)" : "");
    }
}
