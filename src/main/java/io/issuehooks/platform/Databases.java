package io.issuehooks.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Which database a connection reaches, for the few statements that have a PostgreSQL form and a portable one. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
