package io.issuehooks.contract;

import java.time.Instant;
import java.util.List;

/** One committed change of an issue, as its {@code history} lists it. */
public record HistoryEntry(Instant timestamp, String userId, String event, List<String> changes) {

    public HistoryEntry {
        changes = List.copyOf(changes);
    }
}
