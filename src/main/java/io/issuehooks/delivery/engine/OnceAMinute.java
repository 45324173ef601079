package io.issuehooks.delivery.engine;

import java.time.Duration;

/**
 * When a background thread that keeps failing the same way (the database or the broker away) says so: at the first
 * failure, then at most once a minute, so that a retry every second does not fill the log. One per thread.
 */
final class OnceAMinute {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private long last;
    private boolean said;

    /** Whether to log this failure; if so, the next one is logged a minute from now at the earliest. */
    boolean due() {
        long now = System.nanoTime();
        if (said && now - last < MINUTE) {
            return false;
        }
        said = true;
        last = now;
        return true;
    }
}
