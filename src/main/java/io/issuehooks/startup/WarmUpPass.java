package io.issuehooks.startup;

import io.issuehooks.security.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The warm-up's pass for its own API calls ({@link RolledBackRequestFilter}): 256 random bits made when the warm-up
 * starts, held in this server's memory only, never logged or stored, and void once the warm-up ends. What it grants
 * is small on purpose: one call, recording an issue, in an organisation made for that call, in a transaction that
 * rolls back.
 */
@ApplicationScoped
public class WarmUpPass {

    /** The request header that carries the pass. */
    public static final String HEADER = "X-Issuehooks-Warm-Up";

    private volatile String value;

    /** A new pass, valid until {@link #revoke()}. */
    String issue() {
        String pass = ApiKeys.generate();
        value = pass;
        return pass;
    }

    void revoke() {
        value = null;
    }

    /** True while the warm-up runs and {@code presented} is its pass; compared in constant time. */
    boolean accepts(String presented) {
        String pass = value;
        return pass != null && presented != null && ApiKeys.constantTimeEquals(presented, pass);
    }
}
