package io.issuehooks.jdbc;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * An {@link XADataSource} that delegates to the H2 or the PostgreSQL one, chosen by the URL.
 *
 * <p>WildFly binds a data source to one XA class when the server is configured, but the database is chosen
 * when it starts ({@code ISSUEHOOKS_DB_URL}). Both drivers name their properties {@code URL}, {@code User}
 * and {@code Password}, so this class only has to pick the class and pass the three on.
 */
public class RoutingXADataSource implements XADataSource {

    private static final String POSTGRESQL = "org.postgresql.xa.PGXADataSource";
    private static final String H2 = "org.h2.jdbcx.JdbcDataSource";

    private String url;
    private String user;
    private String password;
    private int loginTimeout;
    private PrintWriter logWriter;
    private volatile XADataSource delegate;

    public void setURL(String url) {
        this.url = url;
        delegate = null;
    }

    public String getURL() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
        delegate = null;
    }

    public void setPassword(String password) {
        this.password = password;
        delegate = null;
    }

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

    private XADataSource delegate() throws SQLException {
        XADataSource current = delegate;
        if (current == null) {
            current = create();
            delegate = current;
        }
        return current;
    }

    private XADataSource create() throws SQLException {
        try {
            Class<?> type = Class.forName(driverClassFor(url), true, RoutingXADataSource.class.getClassLoader());
            XADataSource created = (XADataSource) type.getConstructor().newInstance();
            type.getMethod("setURL", String.class).invoke(created, url);
            if (user != null) {
                type.getMethod("setUser", String.class).invoke(created, user);
            }
            if (password != null) {
                type.getMethod("setPassword", String.class).invoke(created, password);
            }
            created.setLoginTimeout(loginTimeout);
            if (logWriter != null) {
                created.setLogWriter(logWriter);
            }
            return created;
        } catch (ReflectiveOperationException e) {
            throw new SQLException("Cannot create the XA data source for " + driverClassFor(url), e);
        }
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        return delegate().getXAConnection();
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return delegate().getXAConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
        delegate = null;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
        delegate = null;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
