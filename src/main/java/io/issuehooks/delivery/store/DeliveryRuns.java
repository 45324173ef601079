package io.issuehooks.delivery.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The runs of servers that deliver first attempts themselves ({@code delivery_run}, see V12): each marks the outbox
 * rows it writes with its run, and keeps its run's row fresh; the relays of all servers send a marked row only once
 * its run has ended or has not been seen for {@link #LEASE_SECONDS} ({@link DeliveryOutbox#readOldest}). Times are
 * the database's, so that servers whose clocks differ agree on them. Each method commits on its own but
 * {@link #forgetExpired}, which joins the relay's transaction.
 */
@ApplicationScoped
public class DeliveryRuns {

    /**
     * How long a run not seen is still taken to be alive. Its server renews it every {@link #RENEW_SECONDS}; longer
     * than a few missed renewals (a long garbage collection, a slow database), short enough that a crashed server's
     * first attempts wait at most this long for another server's relay.
     */
    public static final int LEASE_SECONDS = 30;
    public static final int RENEW_SECONDS = 5;
    /** No run's id (a relaying server has no run of its own). */
    static final UUID NO_RUN = new UUID(0, 0);
    /** Runs whose lease has run out, in SQL both PostgreSQL and H2 read. */
    static final String EXPIRED = "seen_at < current_timestamp - interval '" + LEASE_SECONDS + "' second";

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    /** Records a new run of {@code node}, forgetting the node's earlier runs: a node runs once at a time. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void begin(UUID run, String node) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("delete from delivery_run where node = ?")) {
                s.setString(1, node);
                s.executeUpdate();
            }
            insert(c, run, node);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record this server's run in delivery_run", e);
        }
    }

    /**
     * Marks the run as seen now; writes its row again if another server has forgotten it meanwhile (its lease ran
     * out while the database was away, say).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void renew(UUID run, String node) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("update delivery_run set seen_at = current_timestamp where run_id = ?")) {
            s.setObject(1, run);
            if (s.executeUpdate() == 0) {
                insert(c, run, node);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot renew this server's run in delivery_run", e);
        }
    }

    /** Ends the run: what it left in the outbox is any relay's from now on. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void end(UUID run) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("delete from delivery_run where run_id = ?")) {
            s.setObject(1, run);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot end this server's run in delivery_run", e);
        }
    }

    /**
     * Whether some run but {@code own} (this server's, null: none) has let its lease run out: its rows, if it left
     * any, wait for a relay. This server's own run never counts: it is alive whatever its row says.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean anyExpired(UUID own) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from delivery_run where " + EXPIRED + " and run_id <> ?")) {
            s.setObject(1, own == null ? NO_RUN : own);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read delivery_run", e);
        }
    }

    /**
     * Forgets the runs but {@code own} whose lease has run out and that have no row left in the outbox, in the
     * caller's transaction (the relay's, once it has found nothing to send).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetExpired(UUID own) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("delete from delivery_run where " + EXPIRED
                + " and run_id <> ? and not exists (select 1 from delivery_outbox o where o.run_id = delivery_run.run_id)")) {
            s.setObject(1, own == null ? NO_RUN : own);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change delivery_run", e);
        }
    }

    private static void insert(Connection c, UUID run, String node) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into delivery_run (run_id, node, seen_at) values (?, ?, current_timestamp)")) {
            s.setObject(1, run);
            s.setString(2, node);
            s.executeUpdate();
        }
    }
}
