package io.issuehooks.delivery.store;

import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox of the Deliveries queue ({@code delivery_outbox}, see V10): messages written as rows in the
 * transaction that records their event, then read in order and deleted by the relay in a transaction of its own
 * that sends them. Plain JDBC, like {@link DeliveryWriter}; the statements join the caller's JTA transaction.
 */
@ApplicationScoped
public class DeliveryOutbox {

    /** A message as stored: its event, its order key and JMS group (either may be null), its attempts' text. */
    public record Entry(UUID eventId, String orderKey, String group, String attempts) {
    }

    /**
     * Which row a message came from, where a message does not know its row's id: its event and its attempts' text,
     * unique among the outbox's rows (each attempt is of one delivery, and a delivery is in one message).
     */
    public record Key(UUID eventId, String attempts) {
    }

    /** A stored message with its place in the order, when it was written, and its event's payload (null: gone). */
    public record Stored(long id, Entry entry, Instant createdAt, String payload) {
    }

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    /**
     * Writes the entries, marked with the run of the server that will deliver them itself ({@link DeliveryRuns}), or
     * with {@code run} null for any relay; answers the time they are written with ({@code created_at}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant add(List<Entry> entries, UUID run) {
        Instant written = Times.now();
        if (entries.isEmpty()) {
            return written;
        }
        OffsetDateTime now = Times.utc(written);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into delivery_outbox (event_id, order_key, group_id, attempts, created_at, run_id) values (?, ?, ?, ?, ?, ?)")) {
            for (Entry e : entries) {
                s.setObject(1, e.eventId());
                s.setString(2, e.orderKey());
                s.setString(3, e.group());
                s.setString(4, e.attempts());
                s.setObject(5, now);
                s.setObject(6, run);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the deliveries' outbox", e);
        }
        return written;
    }

    /**
     * The relay's turn among the servers that share this database: one relays at a time. Closing it, which throws
     * nothing, gives it to the next.
     */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * How long a relay waits for the turn before it gives up, says so, and tries again. A server whose broker is gone
     * holds the turn while its batch waits for the client's failover, that is until a broker is back (ClusterIT, no
     * broker for 75 s): unbounded, the others' wait would last as long and say nothing.
     */
    static final int TURN_WAIT_SECONDS = 30;

    /**
     * Takes the relay's turn (waiting while another server has it) on a connection of its own, outside any
     * transaction: the relay holds it until its transaction has completed, the broker's commit included. A lock
     * taken in that transaction passed to the next server at the database's commit, which comes before the
     * broker's (the commit-markable resource commits first): in that gap the next server could put an issue's
     * later messages on the queue before this one's earlier ones (ClusterIT, the slow broker commit). Waits at most
     * {@link #TURN_WAIT_SECONDS}, then throws.
     */
    @Transactional(Transactional.TxType.NEVER)
    public Turn takeTurn() {
        Connection c = null;
        try {
            c = db.getConnection();
            c.setAutoCommit(false);
            try (Statement turn = c.createStatement()) {
                turn.setQueryTimeout(TURN_WAIT_SECONDS);
                try (ResultSet rs = turn.executeQuery("select id from delivery_relay_turn for update")) {
                    rs.next();
                }
            }
            Connection held = c;
            return () -> release(held);
        } catch (SQLException e) {
            if (c != null) {
                release(c);
            }
            throw new IllegalStateException("Cannot take the relay's turn; another server may have held it for more than "
                    + TURN_WAIT_SECONDS + " s (its broker unreachable, say)", e);
        }
    }

    private static void release(Connection c) {
        try (c) {
            c.rollback(); // a lock is all it holds
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection (the database went away) holds no lock; the pool replaces it
        }
    }

    /**
     * Reads the oldest {@code limit} messages that this server's relay may send, in order: those of no run, and
     * those of a run that has ended or whose lease has run out ({@link DeliveryRuns}), but not those a live server is
     * delivering itself, nor those of this server's run {@code own} (null: it has none), which is alive whatever its
     * lease says (the database was away, say). The caller holds the {@link #takeTurn turn}, so no other server reads
     * them until they are removed and on the queue.
     *
     * <p>A plain {@link Statement}, planned afresh by PostgreSQL on every call, where a {@link PreparedStatement}
     * would be prepared on the server after five calls and keep the plan it got then for the connection's life. Made
     * while {@code issue_event} was still small (a new database, its statistics not yet gathered), that plan hashes
     * the whole of {@code issue_event} to join a few outbox rows: a relay on such a connection took 70 to 450 ms, and
     * every event waiting behind it as long (docs/operations.md, "A plan kept from an empty database").
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Stored> readOldest(int limit, UUID own) {
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                List<Stored> stored = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select o.id, o.event_id, o.order_key, o.group_id, o.attempts, o.created_at, "
                        + "e.payload from delivery_outbox o left join issue_event e on e.id = o.event_id"
                        + " where o.run_id is null or (o.run_id <> '" + (own == null ? DeliveryRuns.NO_RUN : own) + "'"
                        + " and not exists (select 1 from delivery_run r where r.run_id = o.run_id and not (r." + DeliveryRuns.EXPIRED + ")))"
                        + " order by o.id limit " + limit)) {
                    while (rs.next()) {
                        stored.add(new Stored(rs.getLong(1), new Entry(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getString(5)), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7)));
                    }
                }
                return stored;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the deliveries' outbox", e);
        }
    }

    /**
     * Deletes the rows of messages delivered without the relay, on the caller's connection, in its transaction (the
     * outcomes' local one, {@link DeliveryWriter#record}).
     */
    static void remove(Connection c, List<Key> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from delivery_outbox where event_id = ? and attempts = ?")) {
            for (Key k : keys) {
                s.setObject(1, k.eventId());
                s.setString(2, k.attempts());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Deletes the row of a message delivered without the relay that had no outcome to record, on its own. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void removeDone(Key key) {
        try (Connection c = db.getConnection()) {
            remove(c, List.of(key));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the deliveries' outbox", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(List<Stored> messages) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("delete from delivery_outbox where id = ?")) {
            for (Stored m : messages) {
                s.setLong(1, m.id());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the deliveries' outbox", e);
        }
    }
}
