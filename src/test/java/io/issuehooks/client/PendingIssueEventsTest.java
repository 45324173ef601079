package io.issuehooks.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.contract.CommentSnapshot;
import io.issuehooks.contract.IssueEvent;
import io.issuehooks.contract.IssueEventType;
import io.issuehooks.contract.IssueSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One transaction's changes fired by another deployment, coalesced per issue: the first state it saw against the
 * last, attribute events before comment events, issues in the order first mentioned, drained once.
 */
class PendingIssueEventsTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final String ORG = UUID.randomUUID().toString();

    final PendingIssueEvents pending = new PendingIssueEvents();

    static IssueSnapshot issue(String id, String status, String severity) {
        return new IssueSnapshot(id, "harmful:hate", status, severity, ORG, null, null, null, T, T, "w", List.of());
    }

    static IssueCommentAdded comment(IssueSnapshot issue, String body, String userId) {
        return new IssueCommentAdded(issue, new CommentSnapshot(UUID.randomUUID().toString(), body, userId, T), userId);
    }

    @Test
    void twoChangesOfOneIssueAreOneEventFromTheFirstStateToTheLast() {
        pending.add(new IssueChanged(issue("a", "open", "high"), issue("a", "fixed", "high"), "u1"));
        pending.add(new IssueChanged(issue("a", "fixed", "high"), issue("a", "fixed", "low"), "u2"));

        List<IssueEvent> events = pending.drain(T);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IssueEventType.UPDATED);
            assertThat(e.payload()).contains("\"changes\":[\"status changed to fixed\",\"severity changed to low\"]")
                    .contains("\"userId\":\"u2\"").contains("\"severity\":\"low\"");
        });
    }

    @Test
    void aChangeSetBackIsNoEventButItsCommentStillIs() {
        pending.add(new IssueChanged(issue("a", "open", "high"), issue("a", "fixed", "high"), "u1"));
        pending.add(new IssueChanged(issue("a", "fixed", "high"), issue("a", "open", "high"), "u1"));
        pending.add(comment(issue("a", "open", "high"), "looked at it", "u3"));

        assertThat(pending.drain(T)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IssueEventType.COMMENT_ADDED);
            assertThat(e.payload()).contains("looked at it").contains("\"userId\":\"u3\"");
        });
    }

    @Test
    void attributeEventsComeBeforeCommentsAndIssuesInTheOrderFirstMentioned() {
        pending.add(comment(issue("b", "open", "low"), "first", null));
        pending.add(new IssueChanged(issue("a", "open", "low"), issue("a", "open", "critical"), "u1"));
        pending.add(new IssueChanged(issue("b", "open", "low"), issue("b", "ignored", "low"), "u2"));
        pending.add(comment(issue("b", "ignored", "low"), "second", null));

        List<IssueEvent> events = pending.drain(T);
        assertThat(events).extracting(IssueEvent::issueId, IssueEvent::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("b", IssueEventType.STATUS_CHANGED),
                org.assertj.core.groups.Tuple.tuple("b", IssueEventType.COMMENT_ADDED),
                org.assertj.core.groups.Tuple.tuple("b", IssueEventType.COMMENT_ADDED),
                org.assertj.core.groups.Tuple.tuple("a", IssueEventType.SEVERITY_CHANGED));
        assertThat(events.get(1).payload()).as("a comment without its own user takes the change's").contains("\"userId\":\"u2\"")
                .contains("\"status\":\"ignored\"");
        assertThat(events).extracting(IssueEvent::id).doesNotHaveDuplicates();
        assertThat(pending.drain(T)).as("drained once").isEmpty();
    }
}
