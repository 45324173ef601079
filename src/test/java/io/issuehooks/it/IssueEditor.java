package io.issuehooks.it;

import io.issuehooks.issues.Issue;
import io.issuehooks.issues.IssueComment;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Test code inside the application that changes issues the way any other EJB could: through the EntityManager,
 * in a container-managed transaction, without the issue API.
 */
@Stateless
public class IssueEditor {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    public void change(UUID issueId, Consumer<Issue> change) {
        change.accept(em.find(Issue.class, issueId));
    }

    public void changeAndComment(UUID issueId, Consumer<Issue> change, String comment) {
        change.accept(em.find(Issue.class, issueId));
        em.persist(new IssueComment(issueId, comment, null));
    }

    public void commentOnly(UUID issueId, String comment) {
        em.persist(new IssueComment(issueId, comment, null));
    }

    /** Makes the change, then rolls the transaction back. */
    public void changeThenRollBack(UUID issueId, Consumer<Issue> change) {
        change.accept(em.find(Issue.class, issueId));
        em.flush();
        context.setRollbackOnly();
    }

    public UUID createAndChange(UUID organizationId, Consumer<Issue> change) {
        Issue issue = new Issue(organizationId, null, "harmful:hate", "open", "high");
        em.persist(issue);
        change.accept(issue);
        return issue.id();
    }
}
