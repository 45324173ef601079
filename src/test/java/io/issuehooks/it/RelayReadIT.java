package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.testsupport.Deployments;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On PostgreSQL the relay's read of the outbox is planned on every call. A statement the driver prepares on the
 * server (from a PreparedStatement's fifth execution on a connection) keeps the plan it got then for the
 * connection's life, and the one made while issue_event was small hashed the whole table on every relay later
 * (70 to 450 ms each in a benchmark, docs/operations.md, "A plan kept from an empty database").
 */
@ExtendWith(ArquillianExtension.class)
class RelayReadIT {

    @Deployment
    static WebArchive app() {
        return Deployments.applicationWith(RelayReadIT.class);
    }

    @Inject
    DeliveryOutbox outbox;

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Resource
    UserTransaction transaction;

    @Test
    void theRelaysReadIsNotPreparedOnTheServerWhereAPreparedStatementWouldBe() throws Exception {
        // One transaction, so one database connection: the data source takes part as a local (commit-markable)
        // resource, which a transaction cannot hold two of. Nothing is written; the relay running meanwhile is unaffected.
        transaction.begin();
        try (Connection c = db.getConnection()) {
            for (int i = 0; i < 10; i++) {
                outbox.readOldest(200, null);
                try (PreparedStatement control = c.prepareStatement("select count(*) from delivery_outbox where id < 0");
                        ResultSet rs = control.executeQuery()) {
                    rs.next();
                }
            }
            List<String> prepared = preparedOnTheServer(c);
            assertThat(prepared).as("the control, a PreparedStatement run as often on the same connection: the driver "
                    + "does prepare on the server, and this view shows it").anyMatch(sql -> sql.contains("where id < 0"));
            // The read itself, not another statement that names the outbox (DeliveryRuns' delete of runs it has no row of).
            assertThat(prepared).as("the relay's read").noneMatch(sql -> sql.contains("from delivery_outbox o left join issue_event"));
        } finally {
            transaction.rollback();
        }
    }

    private static List<String> preparedOnTheServer(Connection c) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select statement from pg_prepared_statements")) {
            while (rs.next()) {
                statements.add(rs.getString(1));
            }
        }
        return statements;
    }
}
