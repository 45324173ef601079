package io.issuehooks.delivery.store;

import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.platform.Times;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.webhooks.WebhookHeaders;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the delivery hot path reads, in plain JDBC: fan-out's subscribers, and before a message's attempts its
 * deliveries with their webhooks and secrets, in one statement each. {@link DeliveryWriter} has the writes.
 */
@ApplicationScoped
public class DeliveryReader {

    /** A delivery's state and its webhook's, with the secrets that sign it in plain text. */
    public record Target(DeliveryStatus status, int attempts, UUID webhookId, String url, boolean enabled,
            String disabledReason, boolean failing, String secret, String previousSecret, Integer rateLimit,
            Map<String, String> headers, DestinationFormat format) {
    }

    /** What fan-out needs of a webhook. */
    public record Subscriber(UUID id, UUID teamId, String events, boolean failing, boolean enabled, String filter) {
    }

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Inject
    SecretCipher cipher;

    /**
     * The deliveries and their webhooks, read outside the delivery's transaction so the connection goes back to
     * the pool at once instead of being held through HTTP requests of up to ten seconds.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Map<UUID, Target> targets(Collection<UUID> deliveryIds) {
        String sql = "select d.id, d.status, d.attempts, w.id, w.url, w.enabled, w.disabled_reason, w.failing_since, "
                + "w.secret, w.previous_secret, w.previous_secret_expires_at, w.rate_limit, w.custom_headers, w.destination_format from delivery d join webhook w on w.id = d.webhook_id "
                + "where d.id in (" + Jdbc.placeholders(deliveryIds.size()) + ")";
        Map<UUID, Target> targets = new HashMap<>();
        Instant now = Times.now();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, deliveryIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID webhookId = rs.getObject(4, UUID.class);
                    OffsetDateTime previousUntil = rs.getObject(11, OffsetDateTime.class);
                    boolean previousValid = rs.getString(10) != null && previousUntil != null && previousUntil.toInstant().isAfter(now);
                    targets.put(rs.getObject(1, UUID.class), new Target(DeliveryStatus.valueOf(rs.getString(2)), rs.getInt(3),
                            webhookId, rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getObject(8) != null,
                            cipher.decrypt(rs.getString(9), webhookId), previousValid ? cipher.decrypt(rs.getString(10), webhookId) : null,
                            rs.getObject(12, Integer.class),
                            rs.getString(13) == null ? Map.of() : WebhookHeaders.read(cipher.decrypt(rs.getString(13), webhookId)),
                            DestinationFormat.stored(rs.getString(14))));
                }
            }
            return targets;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read deliveries " + deliveryIds, e);
        }
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean anyWebhookExists(Collection<UUID> webhookIds) {
        return exists("webhook", webhookIds);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean eventExists(UUID eventId) {
        return exists("issue_event", List.of(eventId));
    }

    private boolean exists(String table, Collection<UUID> ids) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from " + table + " where id in (" + Jdbc.placeholders(ids.size()) + ")")) {
            Jdbc.bind(s, ids);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + table + " " + ids, e);
        }
    }

    /** The enabled webhooks of an organisation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Subscriber> subscribers(UUID organizationId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, team_id, events, failing_since, enabled, event_filter from webhook where organization_id = ?")) {
            s.setObject(1, organizationId);
            List<Subscriber> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Subscriber(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getObject(4) != null, rs.getBoolean(5), rs.getString(6)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the webhooks of " + organizationId, e);
        }
    }

}
