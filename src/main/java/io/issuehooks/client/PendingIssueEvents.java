package io.issuehooks.client;

import io.issuehooks.contract.IssueEvent;
import io.issuehooks.contract.IssueEventRules;
import io.issuehooks.contract.IssueSnapshot;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issue changes another deployment fired in the current transaction, per issue: the state when the
 * transaction first mentioned it, the latest state, and the comments added. Drained once, before completion.
 */
@TransactionScoped
public class PendingIssueEvents implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Pending> byIssue = new LinkedHashMap<>();

    private static final class Pending {
        boolean mentionedBefore;
        IssueSnapshot before;
        IssueSnapshot latest;
        String userId;
        final List<IssueCommentAdded> comments = new ArrayList<>();
    }

    void add(IssueChanged change) {
        Pending p = pending(change.after());
        if (!p.mentionedBefore) {
            p.before = change.before();
            p.mentionedBefore = true;
        }
        p.latest = change.after();
        if (change.userId() != null) {
            p.userId = change.userId();
        }
    }

    void add(IssueCommentAdded comment) {
        Pending p = pending(comment.issue());
        if (!p.mentionedBefore) {
            // A comment alone says nothing about the attributes: compare the issue with itself.
            p.before = comment.issue();
            p.mentionedBefore = true;
        }
        p.latest = comment.issue();
        p.comments.add(comment);
    }

    /** The events to publish, attribute events before comment events, each issue's in order; empties this. */
    List<IssueEvent> drain(Instant timestamp) {
        List<IssueEvent> events = new ArrayList<>();
        for (Pending p : byIssue.values()) {
            IssueEventRules.attributeChange(p.before, p.latest)
                    .ifPresent(change -> events.add(IssueEvent.of(change, timestamp, p.latest, p.userId)));
            for (IssueCommentAdded c : p.comments) {
                events.add(IssueEvent.of(IssueEventRules.commentAdded(c.comment()), timestamp, p.latest,
                        c.userId() != null ? c.userId() : p.userId));
            }
        }
        byIssue.clear();
        return events;
    }

    private Pending pending(IssueSnapshot issue) {
        return byIssue.computeIfAbsent(issue.id(), id -> new Pending());
    }
}
