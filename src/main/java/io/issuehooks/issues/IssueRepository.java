package io.issuehooks.issues;

import io.issuehooks.contract.HistoryEntry;
import io.issuehooks.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IssueRepository {

    /** What a caller may see: its organisation, and within it one team or (null) every team. */
    public record Scope(UUID organizationId, UUID teamId) {
        boolean covers(Issue issue) {
            return issue.organizationId().equals(organizationId) && (teamId == null || teamId.equals(issue.teamId()));
        }
    }

    /** Filters of the issue list; nulls filter nothing. */
    public record Filter(String status, String severity, UUID teamId) {
    }

    @PersistenceContext
    EntityManager em;

    public void add(Object entity) {
        em.persist(entity);
    }

    public Optional<Issue> find(Scope scope, UUID id) {
        return Optional.ofNullable(em.find(Issue.class, id)).filter(scope::covers);
    }

    /** Locks the issue for the rest of the transaction: concurrent writers apply one after another. */
    public Optional<Issue> findForUpdate(Scope scope, UUID id) {
        return Optional.ofNullable(em.find(Issue.class, id, LockModeType.PESSIMISTIC_WRITE)).filter(scope::covers);
    }

    public List<Issue> list(Scope scope, Filter filter, PageRequest page) {
        StringBuilder jpql = new StringBuilder("select i from Issue i where i.organizationId = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", scope.organizationId());
        condition(jpql, params, "i.teamId", "scopeTeam", scope.teamId());
        condition(jpql, params, "i.teamId", "team", filter.teamId());
        condition(jpql, params, "i.status", "status", filter.status());
        condition(jpql, params, "i.severity", "severity", filter.severity());
        jpql.append(" and ").append(page.condition("i")).append(" order by i.createdAt, i.id");
        var query = em.createQuery(jpql.toString(), Issue.class);
        params.forEach(query::setParameter);
        return page.fetch(query);
    }

    private static void condition(StringBuilder jpql, Map<String, Object> params, String path, String name, Object value) {
        if (value != null) {
            jpql.append(" and ").append(path).append(" = :").append(name);
            params.put(name, value);
        }
    }

    /** One issue's history, oldest first. */
    public List<HistoryEntry> history(UUID issueId) {
        return em.createQuery("select h from IssueHistoryRecord h where h.issueId = :id order by h.occurredAt, h.id",
                IssueHistoryRecord.class).setParameter("id", issueId).getResultStream().map(IssueHistoryRecord::entry).toList();
    }

    /** The history of each issue, oldest first; every id gets a list, if only an empty one. */
    public Map<UUID, List<HistoryEntry>> histories(List<UUID> issueIds) {
        Map<UUID, List<HistoryEntry>> result = new HashMap<>();
        issueIds.forEach(id -> result.put(id, new ArrayList<>()));
        if (!issueIds.isEmpty()) {
            em.createQuery("select h from IssueHistoryRecord h where h.issueId in :ids order by h.occurredAt, h.id", IssueHistoryRecord.class)
                    .setParameter("ids", issueIds)
                    .getResultStream()
                    .forEach(h -> result.get(h.issueId()).add(h.entry()));
        }
        return result;
    }

    public Optional<IssueComment> comment(UUID issueId, UUID commentId) {
        return Optional.ofNullable(em.find(IssueComment.class, commentId)).filter(c -> c.issueId().equals(issueId));
    }

    public List<IssueComment> comments(UUID issueId, PageRequest page) {
        return page.fetch(em.createQuery("select c from IssueComment c where c.issueId = :issue and "
                + page.condition("c") + " order by c.createdAt, c.id", IssueComment.class).setParameter("issue", issueId));
    }
}
