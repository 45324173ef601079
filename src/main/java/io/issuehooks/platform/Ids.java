package io.issuehooks.platform;

import java.util.UUID;

/** Ids in paths: one that is not even well-formed names nothing, so it is a 404 like any unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID path(String what, String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to 404
        }
        throw ApiException.notFound(what, text);
    }
}
