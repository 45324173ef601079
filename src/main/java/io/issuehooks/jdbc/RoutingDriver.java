package io.issuehooks.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC {@link Driver} that hands each URL to the H2 or the PostgreSQL driver.
 *
 * <p>WildFly binds a data source to one driver class when the server is configured, but the database is chosen
 * when it starts ({@code ISSUEHOOKS_DB_URL}): this class is that one driver. Anything but {@code jdbc:postgresql:}
 * and {@code jdbc:h2:} is refused with a message that names the two.
 */
public class RoutingDriver implements Driver {

    private static final String POSTGRESQL = "org.postgresql.Driver";
    private static final String H2 = "org.h2.Driver";

    private volatile Driver postgresql;
    private volatile Driver h2;

    static String driverClassFor(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("No JDBC URL configured (ISSUEHOOKS_DB_URL)");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new SQLException("Unsupported JDBC URL (only jdbc:postgresql: and jdbc:h2: are supported): "
                + url.replaceAll("[?;].*", ""));
    }

    private Driver driverFor(String url) throws SQLException {
        String type = driverClassFor(url);
        Driver known = type.equals(POSTGRESQL) ? postgresql : h2;
        if (known == null) {
            try {
                // Loaded by name: the module has both drivers, the application is compiled against neither.
                known = (Driver) Class.forName(type, true, RoutingDriver.class.getClassLoader()).getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new SQLException("Cannot load the JDBC driver " + type, e);
            }
            if (type.equals(POSTGRESQL)) {
                postgresql = known;
            } else {
                h2 = known;
            }
        }
        return known;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return driverFor(url).connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) {
        try {
            driverClassFor(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return driverFor(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
