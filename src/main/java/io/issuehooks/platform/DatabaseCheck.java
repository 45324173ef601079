package io.issuehooks.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/** Whether the database answers: a connection from the pool, validated by the driver within the timeout. */
@ApplicationScoped
public class DatabaseCheck {

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    public boolean answers(Duration timeout) {
        try (Connection c = db.getConnection()) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }
}
