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

    /** A stored message with its place in the order, when it was written, and its event's payload (null: gone). */
    public record Stored(long id, Entry entry, Instant createdAt, String payload) {
    }

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        OffsetDateTime now = Times.utc(Times.now());
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into delivery_outbox (event_id, order_key, group_id, attempts, created_at) values (?, ?, ?, ?, ?)")) {
            for (Entry e : entries) {
                s.setObject(1, e.eventId());
                s.setString(2, e.orderKey());
                s.setString(3, e.group());
                s.setString(4, e.attempts());
                s.setObject(5, now);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the deliveries' outbox", e);
        }
    }

    /**
     * Takes the relay's turn for the rest of the transaction (waiting while another server has it), then reads the
     * oldest {@code limit} messages, in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Stored> takeOldest(int limit) {
        try (Connection c = db.getConnection()) {
            try (Statement turn = c.createStatement(); ResultSet rs = turn.executeQuery("select id from delivery_relay_turn for update")) {
                rs.next();
            }
            try (PreparedStatement s = c.prepareStatement("select o.id, o.event_id, o.order_key, o.group_id, o.attempts, o.created_at, "
                    + "e.payload from delivery_outbox o left join issue_event e on e.id = o.event_id order by o.id limit " + limit)) {
                List<Stored> stored = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
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
