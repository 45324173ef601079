package io.issuehooks.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an API key: the port through which {@link AuthenticationFilter} asks, implemented where the service
 * accounts live (tenancy), so that security depends on no capability and tenancy may depend on security.
 */
public interface KeyHolders {

    /** The active (not revoked) service account whose key hashes to {@code keyHash} ({@link ApiKeys#hash}). */
    Optional<Holder> activeByKeyHash(String keyHash);

    /** What the caller is, as far as permissions go. */
    record Holder(UUID accountId, UUID organizationId, UUID teamId, Role role) {
    }
}
