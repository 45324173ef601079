package io.issuehooks.delivery.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.UUID;

/** The two helpers of the store's {@code where id in (...)} statements. */
final class Jdbc {

    private Jdbc() {
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static void bind(PreparedStatement s, Collection<UUID> ids) throws SQLException {
        int i = 1;
        for (UUID id : ids) {
            s.setObject(i++, id);
        }
    }
}
