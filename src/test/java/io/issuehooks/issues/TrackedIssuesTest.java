package io.issuehooks.issues;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one transaction's {@link TrackedIssues} keeps for the recorder: each issue's first state (none when the
 * transaction created it), its comments in the order persisted, issues in the order first touched, and whether
 * a call was the transaction's first touch (the recorder fires {@code IssuesTouched} on it, once).
 */
class TrackedIssuesTest {

    static final UUID ORG = UUID.randomUUID();

    final TrackedIssues tracked = new TrackedIssues();

    static Issue issue(String status, String severity) {
        return new Issue(ORG, null, "harmful:hate", status, severity);
    }

    static IssueComment comment(Issue on, String body) {
        return new IssueComment(on.id(), body, "u1");
    }

    @Test
    void theFirstStateIsKeptWhenTheIssueIsTouchedAgain() {
        Issue issue = issue("open", "high");
        assertThat(tracked.loaded(issue)).as("the transaction's first touch").isTrue();
        issue.setStatus("fixed");
        issue.setSeverity("low");
        assertThat(tracked.loaded(issue)).as("loaded again (a refresh, another query)").isFalse();

        assertThat(tracked.drain()).singleElement().satisfies(t -> {
            assertThat(t.created).isFalse();
            assertThat(t.before.status()).isEqualTo("open");
            assertThat(t.before.severity()).isEqualTo("high");
            assertThat(t.issue).as("the managed entity, whose state at completion is the last").isSameAs(issue);
            assertThat(t.issue.snapshot(List.of()).status()).isEqualTo("fixed");
            assertThat(t.comments).isEmpty();
        });
    }

    @Test
    void anIssueCreatedInTheTransactionHasNoBeforeStateEvenWhenLoadedAfterwards() {
        Issue issue = issue("open", "medium");
        assertThat(tracked.created(issue)).isTrue();
        assertThat(tracked.loaded(issue)).as("a load after the persist").isFalse();
        IssueComment first = comment(issue, "found by the scanner");
        assertThat(tracked.commented(first)).isFalse();

        assertThat(tracked.drain()).singleElement().satisfies(t -> {
            assertThat(t.created).isTrue();
            assertThat(t.before).isNull();
            assertThat(t.issue).isSameAs(issue);
            assertThat(t.comments).containsExactly(first);
        });
    }

    @Test
    void commentsAreCollectedPerIssueInOrderAndIssuesInTheOrderFirstTouched() {
        Issue a = issue("open", "high");
        Issue b = issue("open", "low");
        IssueComment a1 = comment(a, "a1");
        IssueComment b1 = comment(b, "b1");
        IssueComment a2 = comment(a, "a2");
        IssueComment a3 = comment(a, "a3");

        tracked.commented(a1);
        tracked.loaded(b);
        tracked.commented(b1);
        tracked.commented(a2);
        tracked.loaded(a); // a was first mentioned by its comment: its state comes with its first load
        tracked.commented(a3);

        List<TrackedIssues.Tracked> drained = tracked.drain();
        assertThat(drained).extracting(t -> t.issue).containsExactly(a, b);
        assertThat(drained.get(0).comments).containsExactly(a1, a2, a3);
        assertThat(drained.get(0).before.id()).isEqualTo(a.id().toString());
        assertThat(drained.get(1).comments).containsExactly(b1);
    }

    @Test
    void manyIssuesComeOutInTheOrderFirstTouched() {
        List<Issue> issues = java.util.stream.IntStream.range(0, 20).mapToObj(i -> issue("open", "high")).toList();
        for (int i = 0; i < issues.size(); i++) {
            Issue issue = issues.get(i);
            switch (i % 3) {
                case 0 -> tracked.loaded(issue);
                case 1 -> tracked.created(issue);
                default -> {
                    tracked.commented(comment(issue, "c" + i));
                    tracked.loaded(issue);
                }
            }
        }
        issues.forEach(tracked::loaded); // touched again: no new place in the order

        assertThat(tracked.drain()).extracting(t -> t.issue).containsExactlyElementsOf(issues);
    }

    @Test
    void anIssueOnlyCommentedOnGetsItsStateFromTheLoadTheRecorderMakesWhileCompleting() {
        Issue issue = issue("open", "critical");
        IssueComment c = comment(issue, "seen");
        tracked.commented(c);

        List<TrackedIssues.Tracked> drained = tracked.drain();
        TrackedIssues.Tracked t = drained.get(0);
        assertThat(t.issue).as("only a comment mentions it so far").isNull();
        assertThat(t.before).isNull();

        // What IssueChangeRecorder.complete does for such an issue: em.find, whose @PostLoad arrives here.
        assertThat(tracked.loaded(issue)).isFalse();
        assertThat(t.issue).isSameAs(issue);
        assertThat(t.before.severity()).isEqualTo("critical");
        assertThat(t.created).isFalse();
        assertThat(t.comments).containsExactly(c);
    }

    @Test
    void issuesLoadedWhileTheRecorderCompletesAreNotTracked() {
        Issue changed = issue("open", "high");
        tracked.loaded(changed);
        tracked.drain();

        Issue readByTheRecorder = issue("fixed", "low");
        assertThat(tracked.loaded(readByTheRecorder)).isFalse();
        changed.setStatus("ignored");
        assertThat(tracked.loaded(changed)).isFalse();

        assertThat(tracked.drain()).singleElement().satisfies(t -> {
            assertThat(t.issue).isSameAs(changed);
            assertThat(t.before.status()).as("still the first state").isEqualTo("open");
        });
    }

    @Test
    void onlyTheTransactionsFirstTouchIsSignalledWhateverItsKind() {
        TrackedIssues byLoad = new TrackedIssues();
        Issue a = issue("open", "high");
        assertThat(byLoad.loaded(a)).isTrue();
        assertThat(byLoad.loaded(issue("open", "low"))).as("another issue").isFalse();
        assertThat(byLoad.created(issue("open", "low"))).isFalse();
        assertThat(byLoad.commented(comment(a, "x"))).isFalse();

        TrackedIssues byCreation = new TrackedIssues();
        Issue b = issue("open", "high");
        assertThat(byCreation.created(b)).isTrue();
        assertThat(byCreation.commented(comment(b, "x"))).isFalse();
        assertThat(byCreation.loaded(issue("open", "high"))).isFalse();

        TrackedIssues byComment = new TrackedIssues();
        Issue c = issue("open", "high");
        assertThat(byComment.commented(comment(c, "x"))).isTrue();
        assertThat(byComment.commented(comment(c, "y"))).isFalse();
        assertThat(byComment.loaded(c)).isFalse();
        assertThat(byComment.created(issue("open", "high"))).isFalse();
    }

    @Test
    void aFreshTransactionDrainsNothing() {
        assertThat(tracked.drain()).isEmpty();
    }

    /**
     * One instance per transaction is the container's part (Narayana's context for {@code @TransactionScoped},
     * which Weld SE does not have); what this class must give it is the scope and, the scope being passivating,
     * Serializable, without which the deployment fails.
     */
    @Test
    void itIsATransactionScopedBeanThatThePassivatingScopeAccepts() {
        assertThat(TrackedIssues.class.isAnnotationPresent(TransactionScoped.class)).isTrue();
        assertThat(Serializable.class).isAssignableFrom(TrackedIssues.class);
    }
}
