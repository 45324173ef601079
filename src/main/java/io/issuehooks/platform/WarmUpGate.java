package io.issuehooks.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Holds the server's readiness (/api/health and /health/ready) while it warms up after a start, so that a load
 * balancer sends it traffic only once its request path has been compiled rather than interpreted. Whoever warms
 * the server holds the gate and opens it; the health checks only read it.
 */
@ApplicationScoped
public class WarmUpGate {

    private volatile String holder;

    /** Closes the gate; {@code why} is what the health answers say until it opens. */
    public void hold(String why) {
        holder = why;
    }

    public void open() {
        holder = null;
    }

    /** Why the server is not ready yet, or empty once it is warm (or was never held). */
    public Optional<String> held() {
        return Optional.ofNullable(holder);
    }
}
