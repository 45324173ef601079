package io.issuehooks.delivery.store;

import io.issuehooks.contract.TimeOrderedIds;
import io.issuehooks.platform.Times;
import io.issuehooks.webhooks.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes the operational events an outcome raised, in the outcome's own local transaction: each as an event row
 * (what the event feed lists and every delivery of it sends) and a row in {@code pending_fan_out}, the outbox
 * that the engine's PendingFanOutService empties once the transaction has committed. So an event exists if and only if
 * the health change or the failed delivery that raised it committed, and it is fanned out even if the server dies
 * right after that commit.
 */
final class OperationalEventWriter {

    private OperationalEventWriter() {
    }

    /** Answers the ids of the events written. */
    static List<UUID> write(Connection c, List<OperationalEvent> raised, Instant now) throws SQLException {
        List<UUID> written = new ArrayList<>();
        for (OperationalEvent event : raised) {
            Webhook webhook = webhook(c, event.webhookId());
            if (webhook == null) {
                continue; // deleted meanwhile: nobody to tell about it
            }
            String issueId = null;
            if (event instanceof OperationalEvent.Exhausted exhausted) {
                event = delivered(c, exhausted);
                if (event == null) {
                    continue; // the delivery of an operational event: telling about it could ping-pong between webhooks
                }
                issueId = ((OperationalEvent.Exhausted) event).issueId();
            }
            UUID id = TimeOrderedIds.next();
            DeliveryWriter.insertEvent(c, id, webhook.organizationId(), webhook.teamId(), issueId, event.type().wireName(),
                    OperationalEvent.render(event, now, webhook.name()), now, false);
            try (PreparedStatement s = c.prepareStatement(
                    "insert into pending_fan_out (event_id, about_webhook_id, created_at) values (?, ?, ?)")) {
                s.setObject(1, id);
                s.setObject(2, event.webhookId());
                s.setObject(3, Times.utc(now));
                s.executeUpdate();
            }
            written.add(id);
        }
        return written;
    }

    private record Webhook(UUID organizationId, UUID teamId, String name) {
    }

    private static Webhook webhook(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select organization_id, team_id, name from webhook where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Webhook(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)) : null;
            }
        }
    }

    /** The exhausted delivery with its event's id, type and issue; null if that event is not about an issue. */
    private static OperationalEvent.Exhausted delivered(Connection c, OperationalEvent.Exhausted exhausted) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select d.event_id, d.event_type, e.issue_id from delivery d "
                + "join issue_event e on e.id = d.event_id where d.id = ?")) {
            s.setObject(1, exhausted.deliveryId());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || !EventTypes.aboutAnIssue(rs.getString(2))) {
                    return null;
                }
                return exhausted.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3));
            }
        }
    }
}
