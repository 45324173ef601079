package io.issuehooks.events;

import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a page of the feed (plain SQL on the feed's index: organisation, creation time, id).
 *
 * <p>An event is recorded inside the transaction of its change, shortly before that commits. A reader whose
 * cursor has passed an event's creation time would never see an event that commits afterwards, so the feed shows
 * only events older than {@link #SETTLED}: by then the transaction that recorded them has committed (or rolled
 * back). Only a commit held up for longer, by a database outage in the middle of it, can still put an event behind
 * a cursor; reading again with {@code since} finds it.
 */
@ApplicationScoped
public class FeedEventReader {

    static final Duration SETTLED = Duration.ofSeconds(5);

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    /** Up to one event more than the page, to tell whether another follows. */
    public List<FeedEvent> read(FeedQuery q, Instant now) {
        StringBuilder sql = new StringBuilder("select id, event_type, issue_id, team_id, created_at, payload from issue_event "
                + "where organization_id = ? and test_event = false and created_at <= ?");
        List<Object> params = new ArrayList<>(List.of(q.organizationId(), Times.utc(now.minus(SETTLED))));
        if (q.teamId() != null) {
            sql.append(" and team_id = ?");
            params.add(q.teamId());
        }
        if (!q.types().isEmpty()) {
            sql.append(" and event_type in (").append(String.join(", ", Collections.nCopies(q.types().size(), "?"))).append(")");
            params.addAll(q.types());
        }
        if (q.issueId() != null) {
            sql.append(" and issue_id = ?");
            params.add(q.issueId());
        }
        if (q.since() != null) {
            sql.append(" and created_at >= ?");
            params.add(Times.utc(q.since()));
        }
        if (q.until() != null) {
            sql.append(" and created_at < ?");
            params.add(Times.utc(q.until()));
        }
        if (q.page().afterId() != null) {
            sql.append(" and (created_at > ? or (created_at = ? and id > ?))");
            params.addAll(List.of(Times.utc(q.page().afterCreatedAt()), Times.utc(q.page().afterCreatedAt()), q.page().afterId()));
        }
        sql.append(" order by created_at, id limit ").append(q.page().limit() + 1);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<FeedEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new FeedEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event feed of " + q.organizationId(), e);
        }
    }
}
