package io.issuehooks.it;

import io.issuehooks.client.IssueChanged;
import io.issuehooks.client.IssueCommentAdded;
import io.issuehooks.contract.CommentSnapshot;
import io.issuehooks.contract.IssueSnapshot;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Stands for another deployment on the same server (a scanning engine, say) that owns issues of its own and
 * reports their changes by firing the client jar's CDI events inside its own transactions.
 */
@Stateless
public class ExternalScanner {

    @Inject
    Event<IssueChanged> changes;

    @Inject
    Event<IssueCommentAdded> comments;

    @Resource
    SessionContext context;

    public static IssueSnapshot issue(String id, String organizationId, String status, String severity) {
        Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
        return new IssueSnapshot(id, "jailbreak", status, severity, organizationId, null, "target", "provider", t, t,
                "Jailbreak", List.of());
    }

    public void report(List<IssueChanged> events) {
        events.forEach(changes::fire);
    }

    public void reportComment(IssueSnapshot issue, String body) {
        comments.fire(new IssueCommentAdded(issue, new CommentSnapshot("c-1", body, "scanner", Instant.now()), "scanner"));
    }

    public void reportThenRollBack(IssueChanged event) {
        changes.fire(event);
        context.setRollbackOnly();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void reportWithoutTransaction(IssueChanged event) {
        changes.fire(event);
    }
}
