package io.issuehooks.platform;

import java.util.Optional;
import java.util.UUID;

/** Ids as the API reads them: the canonical UUID form only (UUID.fromString also takes "1-2-3-4-5"). */
public final class Ids {

    private Ids() {
    }

    public static Optional<UUID> parse(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An id in a path: one that is not even well-formed names nothing, so it is a 404 like any unknown id. */
    public static UUID path(String what, String text) {
        return parse(text).orElseThrow(() -> ApiException.notFound(what, text));
    }
}
