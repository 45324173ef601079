package io.issuehooks.delivery.engine;


import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Empties the outbox of operational events ({@code pending_fan_out}, written by the store's OperationalEventWriter): each
 * event is fanned out in a JTA transaction of its own that deletes its outbox row, writes its deliveries and queues
 * their messages, committed as the issue events' transactions are (the database's commit-markable resource and the
 * broker). The row's delete is the claim: of two servers (or the sweeper and the outcome's own thread) fanning out
 * one event, the second waits for the first's row lock, deletes nothing and does nothing.
 */
@ApplicationScoped
public class PendingFanOutService {

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Inject
    FanOutService fanOut;

    /** Fans out one event if it is still pending; false if another transaction already did. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean fanOut(UUID eventId) {
        try (Connection c = db.getConnection()) {
            Pending pending = read(c, eventId);
            if (pending == null || !claim(c, eventId)) {
                return false;
            }
            if (pending.routed() != null) { // null: the event itself is gone (retention), only its outbox row was left
                fanOut.publishOperational(pending.routed(), pending.organizationId());
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fan out operational event " + eventId, e);
        }
    }

    /** The events raised more than {@code age} ago and still not fanned out: left behind by a crash or an error. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<UUID> overdue(Duration age) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select event_id from pending_fan_out where created_at < ? order by created_at")) {
            s.setObject(1, Times.utc(Times.now().minus(age)));
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the pending operational events", e);
        }
    }

    private record Pending(FanOutService.Routed routed, UUID organizationId) {
    }

    private static Pending read(Connection c, UUID eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select p.about_webhook_id, e.organization_id, e.team_id, e.event_type, "
                + "e.issue_id, e.payload from pending_fan_out p left join issue_event e on e.id = p.event_id where p.event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                UUID organization = rs.getObject(2, UUID.class);
                return organization == null ? new Pending(null, null) : new Pending(new FanOutService.Routed(eventId,
                        rs.getString(4), rs.getString(5), rs.getObject(3, UUID.class), rs.getString(6), rs.getObject(1, UUID.class)),
                        organization);
            }
        }
    }

    private static boolean claim(Connection c, UUID eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from pending_fan_out where event_id = ?")) {
            s.setObject(1, eventId);
            return s.executeUpdate() == 1;
        }
    }
}
