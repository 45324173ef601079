package io.issuehooks.platform;

import java.time.Duration;
import java.util.List;

/**
 * A comma-separated list of durations as one setting ({@code ISSUEHOOKS_RETRY_SCHEDULE=0s,5s,5m}), converted by
 * {@link DurationListConverter}: a type of its own rather than MicroProfile Config's lists, which would silently
 * skip an empty entry ({@code 5s,,5m}) where the settings refuse it.
 */
public record DurationList(List<Duration> durations) {

    public DurationList {
        durations = List.copyOf(durations);
    }
}
