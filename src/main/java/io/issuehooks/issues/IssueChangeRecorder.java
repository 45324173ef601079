package io.issuehooks.issues;

import io.issuehooks.contract.HistoryEntry;
import io.issuehooks.contract.IssueEvent;
import io.issuehooks.contract.IssueEventPublisher;
import io.issuehooks.contract.IssueEventRules;
import io.issuehooks.contract.IssueEventType;
import io.issuehooks.contract.IssueSnapshot;
import io.issuehooks.platform.Times;
import io.issuehooks.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns each transaction's changes to issues into events, however the change was made (the API, an EJB, any
 * code using the EntityManager). Lifecycle callbacks mark what the transaction touched; just before it
 * completes, still inside it, the recorder compares each issue's first and last state, appends history, and
 * sends the events through the XA connection factory, so they exist if and only if the transaction commits.
 */
@ApplicationScoped
public class IssueChangeRecorder {

    @Inject
    TrackedIssues tracked;

    @Inject
    Event<IssuesTouched> touched;

    @Inject
    IssueRepository repository;

    @Inject
    IssueEventPublisher publisher;

    @Inject
    Instance<Caller> caller;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    void loaded(Issue issue) {
        if (inTransaction() && tracked.loaded(issue)) {
            touched.fire(new IssuesTouched());
        }
    }

    void created(Issue issue) {
        if (inTransaction() && tracked.created(issue)) {
            touched.fire(new IssuesTouched());
        }
    }

    void commented(IssueComment comment) {
        if (inTransaction() && tracked.commented(comment)) {
            touched.fire(new IssuesTouched());
        }
    }

    private boolean inTransaction() {
        return transactions.getTransactionKey() != null;
    }

    /** One issue whose change becomes events, with the history entries the change appended. */
    private record Changed(Issue issue, boolean created, Optional<IssueEventRules.Change> change, List<IssueComment> comments,
            List<HistoryEntry> appended) {
    }

    /**
     * Records the current transaction's changes and publishes their events now, in it, rather than just before it
     * completes: for a caller that then rolls it back (the server's warm-up), as rolling back runs no
     * before-completion observer. Whatever it records here is not recorded again.
     */
    public void recordNow() {
        complete(null);
    }

    void complete(@Observes(during = TransactionPhase.BEFORE_COMPLETION) IssuesTouched ignored) {
        try {
            Instant now = Times.now();
            String userId = userId();
            List<Changed> changed = new ArrayList<>();
            for (TrackedIssues.Tracked t : tracked.drain()) {
                if (t.issue == null) {
                    em.find(Issue.class, t.comments.get(0).issueId()); // fills t.issue and t.before via loaded()
                }
                Optional<IssueEventRules.Change> change = IssueEventRules.attributeChange(
                        t.created ? null : t.before, t.issue.snapshot(List.of()));
                if (change.isPresent() || !t.comments.isEmpty()) {
                    changed.add(new Changed(t.issue, t.created, change, t.comments, record(t, change, now, userId)));
                }
            }
            if (changed.isEmpty()) {
                return;
            }
            // CDI's before-completion observers run before the persistence context's own flush: flush here, so that
            // the history read next, and what is published, is what will be committed.
            em.flush();
            List<IssueEvent> events = new ArrayList<>();
            for (Changed c : changed) {
                // A new issue's history is what this transaction appended; another's must be read.
                IssueSnapshot committed = c.issue().snapshot(c.created() ? c.appended() : repository.history(c.issue().id()));
                c.issue().recorded(committed.history());
                c.change().ifPresent(change -> events.add(IssueEvent.of(change, now, committed, userId)));
                for (IssueComment comment : c.comments()) {
                    events.add(IssueEvent.of(IssueEventRules.commentAdded(comment.snapshot()), now, committed, userId));
                }
            }
            publisher.publish(events);
        } catch (RuntimeException e) {
            // The container only logs what a transactional observer throws: without this, the transaction would
            // commit without its events.
            transactions.setRollbackOnly();
            throw e;
        }
    }

    /** Appends the change's history entries and answers them. */
    private List<HistoryEntry> record(TrackedIssues.Tracked t, Optional<IssueEventRules.Change> change, Instant now, String userId) {
        List<HistoryEntry> appended = new ArrayList<>();
        change.ifPresent(c -> appended.add(new HistoryEntry(now, userId, c.type().wireName(), c.changes())));
        for (IssueComment ignored : t.comments) {
            appended.add(new HistoryEntry(now, userId, IssueEventType.COMMENT_ADDED.wireName(), List.of("comment added")));
        }
        appended.forEach(entry -> em.persist(new IssueHistoryRecord(t.issue.id(), entry)));
        if (!t.created) {
            t.issue.touch(now);
        }
        return appended;
    }

    private String userId() {
        try {
            UUID account = caller.get().accountId();
            return account == null ? null : account.toString();
        } catch (ContextNotActiveException e) {
            return null; // no request: a timer, a message, a batch job
        }
    }
}
