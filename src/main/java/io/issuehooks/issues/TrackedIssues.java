package io.issuehooks.issues;

import io.issuehooks.contract.IssueSnapshot;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The issues the current transaction has touched: each with the state it had when the transaction first saw
 * it (none when the transaction created it) and the comments added to it.
 */
@TransactionScoped
public class TrackedIssues implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One issue: {@code issue} is null while only a comment mentions it. */
    static final class Tracked {
        Issue issue;
        IssueSnapshot before;
        boolean created;
        final List<IssueComment> comments = new ArrayList<>();
    }

    private final Map<UUID, Tracked> issues = new LinkedHashMap<>();
    private boolean completing;

    /** Each method answers whether this was the first thing tracked in the transaction. */
    boolean loaded(Issue issue) {
        if (completing || issues.containsKey(issue.id())) {
            Tracked t = issues.get(issue.id());
            if (t != null && t.issue == null) {
                t.issue = issue;
                t.before = issue.snapshot(List.of());
            }
            return false;
        }
        Tracked t = new Tracked();
        t.issue = issue;
        t.before = issue.snapshot(List.of());
        return put(issue.id(), t);
    }

    boolean created(Issue issue) {
        Tracked t = new Tracked();
        t.issue = issue;
        t.created = true;
        return put(issue.id(), t);
    }

    boolean commented(IssueComment comment) {
        boolean first = issues.isEmpty();
        issues.computeIfAbsent(comment.issueId(), id -> new Tracked()).comments.add(comment);
        return first;
    }

    /** Everything tracked, once; what is loaded while the recorder completes the transaction is not tracked. */
    List<Tracked> drain() {
        completing = true;
        return new ArrayList<>(issues.values());
    }

    private boolean put(UUID id, Tracked t) {
        boolean first = issues.isEmpty();
        issues.put(id, t);
        return first;
    }
}
