package io.issuehooks.delivery.store;

import io.issuehooks.contract.TimeOrderedIds;
import io.issuehooks.platform.Databases;
import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the delivery hot path writes, in plain JDBC and a few statements per message: fan-out's event and delivery
 * rows, and after a message's attempts one update and one insert (with what they do to the webhooks' health).
 * Through JPA, each JPQL update was translated again on every call and cost more CPU than the HTTP request; the
 * rest of the application keeps using JPA. Connections come from the same XA data source, so the statements join
 * the caller's JTA transaction. {@link DeliveryReader} has the reads.
 */
@ApplicationScoped
public class DeliveryWriter {

    /**
     * An attempt's outcome as it is recorded; {@code next} is when the following attempt is due, or null;
     * {@code health} what it does to its webhook's health (null: nothing, as for a test event).
     */
    public record Outcome(PlannedAttempt attempt, DeliveryStatus status, Integer statusCode, String error,
            Instant next, Instant startedAt, long durationMillis, String responseExcerpt, String requestHeaders,
            Health health) {
    }

    /**
     * A webhook's health after an outcome: {@code HEALTHY} clears the failure clock, {@code FAILING} starts it
     * (unless it runs) and disables the webhook with {@code reason} once it started before {@code threshold},
     * {@code GONE} disables it at once with {@code reason}.
     */
    public record Health(Kind kind, Instant threshold, String reason) {

        public enum Kind { HEALTHY, FAILING, GONE }
    }

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    /** Which database: learned from the first connection. */
    private volatile Boolean postgres;

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertEvent(UUID eventId, UUID organizationId, UUID teamId, String issueId, String type, String payload) {
        insertEvent(eventId, organizationId, teamId, issueId, type, payload, false);
    }

    /**
     * A test event ({@code POST .../test}) and its one delivery, due now: recorded like any other so that it shows
     * in the delivery log, and marked so that the event feed leaves it out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertTestEvent(UUID eventId, UUID organizationId, String issueId, String type, String payload, PlannedAttempt attempt) {
        insertEvent(eventId, organizationId, null, issueId, type, payload, true);
        insertDeliveries(eventId, type, List.of(attempt), DeliveryStatus.PENDING, java.time.Duration.ZERO);
    }

    private void insertEvent(UUID eventId, UUID organizationId, UUID teamId, String issueId, String type, String payload,
            boolean test) {
        try (Connection c = db.getConnection()) {
            insertEvent(c, eventId, organizationId, teamId, issueId, type, payload, Times.now(), test);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record event " + eventId, e);
        }
    }

    /**
     * The one place an event row is written: issue events at fan-out, operational events at an outcome, test
     * events ({@code test}: not in the event feed).
     */
    static void insertEvent(Connection c, UUID eventId, UUID organizationId, UUID teamId, String issueId, String type,
            String payload, Instant created, boolean test) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into issue_event "
                + "(id, organization_id, team_id, issue_id, event_type, payload, created_at, test_event) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, eventId);
            s.setObject(2, organizationId);
            s.setObject(3, teamId);
            s.setString(4, issueId);
            s.setString(5, type);
            s.setString(6, payload);
            s.setObject(7, Times.utc(created));
            s.setBoolean(8, test);
            s.executeUpdate();
        }
    }

    /**
     * Sets a finished or long overdue delivery pending again, due now (redeliver, recover): its next attempt, sent
     * at once, starts a fresh run of the retry schedule. The caller holds the delivery's row lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requeue(UUID deliveryId) {
        OffsetDateTime now = Times.utc(Times.now());
        try (Connection c = db.getConnection()) {
            update(c, "update delivery set status = 'PENDING', next_attempt_at = ?, updated_at = ? where id = ?", now, now, deliveryId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot requeue delivery " + deliveryId, e);
        }
    }

    /** One pending delivery per first attempt, due after {@code firstWait}, a thousand rows a statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertDeliveries(UUID eventId, String type, List<PlannedAttempt> attempts, java.time.Duration firstWait) {
        insertDeliveries(eventId, type, attempts, DeliveryStatus.PENDING, firstWait);
    }

    /** Deliveries of an event to disabled webhooks: recorded as skipped, no message, nothing due. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertSkipped(UUID eventId, String type, List<PlannedAttempt> skipped) {
        insertDeliveries(eventId, type, skipped, DeliveryStatus.SKIPPED, null);
    }

    private void insertDeliveries(UUID eventId, String type, List<PlannedAttempt> attempts, DeliveryStatus status,
            java.time.Duration firstWait) {
        Instant created = Times.now();
        OffsetDateTime now = Times.utc(created);
        OffsetDateTime due = firstWait == null ? null : Times.utc(created.plus(firstWait));
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < attempts.size(); from += 1000) {
                List<PlannedAttempt> rows = attempts.subList(from, Math.min(attempts.size(), from + 1000));
                try (PreparedStatement s = c.prepareStatement("insert into delivery (id, webhook_id, event_id, event_type, "
                        + "status, attempts, next_attempt_at, created_at, updated_at) values "
                        + String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, 0, ?, ?, ?)")))) {
                    int i = 1;
                    for (PlannedAttempt a : rows) {
                        s.setObject(i++, a.deliveryId());
                        s.setObject(i++, a.webhookId());
                        s.setObject(i++, eventId);
                        s.setString(i++, type);
                        s.setString(i++, status.name());
                        s.setObject(i++, due);
                        s.setObject(i++, now);
                        s.setObject(i++, now);
                    }
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the deliveries of event " + eventId, e);
        }
    }

    /** What recording outcomes did: the deliveries whose outcome was recorded, and the operational events raised. */
    public record Recorded(Set<UUID> updated, List<UUID> raised) {
    }

    /**
     * Records outcomes on their deliveries, logs the attempts and applies what they say about their webhooks'
     * health, each only if its delivery still expects that attempt (pending, with one attempt fewer), in one local
     * database transaction of its own: no JTA, no broker, the delivery row is the truth (see the engine's OutcomeRecorder). The
     * operational events the outcomes raise (a webhook failing or disabled, a delivery exhausted) are written in
     * the same transaction, with their outbox rows ({@link OperationalEventWriter}). On PostgreSQL the outcomes
     * of a whole group of messages take one UPDATE and one INSERT: statements, more than rows, are what a delivery
     * costs.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Recorded record(List<Outcome> outcomes) {
        return record(outcomes, List.of());
    }

    /**
     * {@link #record(List)}, and in the same transaction the outbox rows of the messages these outcomes answer that
     * were delivered without the relay ({@code done}): a row goes when its message's outcomes are recorded.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Recorded record(List<Outcome> outcomes, List<DeliveryOutbox.Key> done) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!done.isEmpty()) {
                    DeliveryOutbox.remove(c, done);
                }
                Set<UUID> updated = postgres(c) ? updateAll(c, outcomes) : updateEach(c, outcomes);
                List<Outcome> recorded = outcomes.stream().filter(o -> updated.contains(o.attempt().deliveryId())).toList();
                if (!recorded.isEmpty()) {
                    insertAttempts(c, recorded);
                }
                Instant now = Times.now();
                List<OperationalEvent> raised = new ArrayList<>();
                for (Outcome o : recorded) {
                    if (o.health() != null) {
                        health(c, o, now, raised);
                        if (o.status() == DeliveryStatus.FAILED) {
                            raised.add(OperationalEvent.Exhausted.of(o.attempt().webhookId(), o.attempt().deliveryId(),
                                    o.attempt().number(), o.statusCode(), o.error()));
                        }
                    }
                }
                List<UUID> events = raised.isEmpty() ? List.of() : OperationalEventWriter.write(c, raised, now);
                c.commit();
                return new Recorded(updated, events);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record delivery attempts", e);
        }
    }

    // The webhook's health changes with conditional updates: on the common path (healthy and staying so) they
    // are not even issued, and when issued they match at most one row, so concurrent deliveries to one webhook
    // do not queue on its row lock. The update that matched is the transition, and raises its operational event
    // exactly once: the first failure after a success (webhook.failing), the disabling (webhook.disabled).
    private static void health(Connection c, Outcome o, Instant now, List<OperationalEvent> raised) throws SQLException {
        UUID webhookId = o.attempt().webhookId();
        Health health = o.health();
        switch (health.kind()) {
            case HEALTHY -> update(c, "update webhook set failing_since = null where id = ? and failing_since is not null", webhookId);
            case GONE -> {
                if (disable(c, "", webhookId, health.reason(), now)) {
                    raised.add(new OperationalEvent.Disabled(webhookId, health.reason()));
                }
            }
            case FAILING -> {
                if (update(c, "update webhook set failing_since = ? where id = ? and failing_since is null", Times.utc(now), webhookId) == 1) {
                    raised.add(new OperationalEvent.Failing(webhookId, now, o.attempt().deliveryId(), o.statusCode(), o.error()));
                }
                if (disable(c, " and failing_since <= ?", webhookId, health.reason(), now, Times.utc(health.threshold()))) {
                    raised.add(new OperationalEvent.Disabled(webhookId, health.reason()));
                }
            }
        }
    }

    private static boolean disable(Connection c, String condition, UUID webhookId, String reason, Instant now, Object... more)
            throws SQLException {
        Object[] params = new Object[3 + more.length];
        params[0] = reason;
        params[1] = Times.utc(now);
        params[2] = webhookId;
        System.arraycopy(more, 0, params, 3, more.length);
        return update(c, "update webhook set enabled = false, disabled_reason = ?, updated_at = ? where id = ? and enabled = true"
                + condition, params) == 1;
    }

    private static Set<UUID> updateAll(Connection c, List<Outcome> outcomes) throws SQLException {
        String rows = String.join(", ", Collections.nCopies(outcomes.size(), "(?::uuid, ?::int, ?, ?::int, ?, ?::timestamptz)"));
        String sql = "update delivery d set attempts = d.attempts + 1, status = v.status, last_status = v.code, "
                + "last_error = v.error, next_attempt_at = v.next, updated_at = ? from (values " + rows + ") "
                + "as v(id, previous, status, code, error, next) "
                + "where d.id = v.id and d.attempts = v.previous and d.status = 'PENDING' returning d.id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setObject(i++, Times.utc(Times.now()));
            for (Outcome o : outcomes) {
                s.setObject(i++, o.attempt().deliveryId());
                s.setInt(i++, o.attempt().number() - 1);
                s.setString(i++, o.status().name());
                setInt(s, i++, o.statusCode());
                s.setString(i++, o.error());
                s.setObject(i++, Times.utc(o.next()));
            }
            Set<UUID> updated = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    updated.add(rs.getObject(1, UUID.class));
                }
            }
            return updated;
        }
    }

    private static Set<UUID> updateEach(Connection c, List<Outcome> outcomes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update delivery set attempts = attempts + 1, status = ?, "
                + "last_status = ?, last_error = ?, next_attempt_at = ?, updated_at = ? "
                + "where id = ? and attempts = ? and status = 'PENDING'")) {
            OffsetDateTime now = Times.utc(Times.now());
            for (Outcome o : outcomes) {
                s.setString(1, o.status().name());
                setInt(s, 2, o.statusCode());
                s.setString(3, o.error());
                s.setObject(4, Times.utc(o.next()));
                s.setObject(5, now);
                s.setObject(6, o.attempt().deliveryId());
                s.setInt(7, o.attempt().number() - 1);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            Set<UUID> updated = new HashSet<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    updated.add(outcomes.get(i).attempt().deliveryId());
                }
            }
            return updated;
        }
    }

    private static void insertAttempts(Connection c, List<Outcome> recorded) throws SQLException {
        String sql = "insert into delivery_attempt (id, delivery_id, number, started_at, duration_ms, status_code, error, "
                + "response_excerpt, request_headers) values "
                + String.join(", ", Collections.nCopies(recorded.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Outcome o : recorded) {
                s.setObject(i++, TimeOrderedIds.next());
                s.setObject(i++, o.attempt().deliveryId());
                s.setInt(i++, o.attempt().number());
                s.setObject(i++, Times.utc(o.startedAt()));
                s.setInt(i++, (int) Math.min(Integer.MAX_VALUE, o.durationMillis()));
                setInt(s, i++, o.statusCode());
                s.setString(i++, o.error());
                s.setString(i++, o.responseExcerpt());
                s.setString(i++, o.requestHeaders());
            }
            s.executeUpdate();
        }
    }

    private boolean postgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = Databases.isPostgres(c);
            postgres = known;
        }
        return known;
    }

    /** Fails a pending delivery without an attempt; false if it was no longer waiting for that attempt. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean abandon(PlannedAttempt attempt, String reason) {
        try (Connection c = db.getConnection()) {
            return update(c, "update delivery set status = 'FAILED', last_status = null, last_error = ?, next_attempt_at = null, "
                    + "updated_at = ? where id = ? and attempts = ? and status = 'PENDING'", reason, Times.utc(Times.now()),
                    attempt.deliveryId(), attempt.number() - 1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record delivery state", e);
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
