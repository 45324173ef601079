package io.issuehooks.platform;

import java.util.Optional;

/**
 * Whether this server can take traffic, as both health answers (/api/health and /health/ready) report it: the
 * database and the message broker answer and the warm-up is over. Read once per request by
 * {@link ReadinessProbe}, so that an answer's status and the reasons it gives come from the same reading.
 *
 * @param warmingUp why the warm-up still holds the server, or empty once it is over
 */
public record ServerReadiness(boolean database, boolean broker, Optional<String> warmingUp) {

    public boolean ready() {
        return problem().isEmpty();
    }

    /** Why the server is not ready, for a problem's detail; empty when it is. A missing dependency comes first. */
    public Optional<String> problem() {
        if (!database && !broker) {
            return Optional.of("Neither the database nor the message broker answers");
        }
        if (!database) {
            return Optional.of("The database does not answer");
        }
        if (!broker) {
            return Optional.of("The message broker does not answer");
        }
        return warmingUp;
    }
}
