package io.issuehooks.tenancy;

import io.issuehooks.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of organisations, teams and service accounts, always within one organisation. */
@ApplicationScoped
public class TenancyRepository {

    @PersistenceContext
    EntityManager em;

    public void add(Object entity) {
        em.persist(entity);
    }

    public Optional<Organization> organization(UUID id) {
        return Optional.ofNullable(em.find(Organization.class, id));
    }

    public Optional<Team> team(UUID organizationId, UUID teamId) {
        return Optional.ofNullable(em.find(Team.class, teamId)).filter(t -> t.organizationId().equals(organizationId));
    }

    public List<Team> teams(UUID organizationId, PageRequest page) {
        return page.fetch(em.createQuery("select t from Team t where t.organizationId = :org and "
                + page.condition("t") + " order by t.createdAt, t.id", Team.class).setParameter("org", organizationId));
    }

    public Optional<ServiceAccount> account(UUID organizationId, UUID accountId) {
        return Optional.ofNullable(em.find(ServiceAccount.class, accountId))
                .filter(a -> a.organizationId().equals(organizationId));
    }

    public List<ServiceAccount> accounts(UUID organizationId, PageRequest page) {
        return page.fetch(em.createQuery("select a from ServiceAccount a where a.organizationId = :org and "
                + page.condition("a") + " order by a.createdAt, a.id", ServiceAccount.class)
                .setParameter("org", organizationId));
    }

    public long activeOrganizationAdmins(UUID organizationId) {
        return em.createQuery("select count(a) from ServiceAccount a where a.organizationId = :org and a.role = "
                + "io.issuehooks.security.Role.ADMIN and a.teamId is null and a.revokedAt is null", Long.class)
                .setParameter("org", organizationId).getSingleResult();
    }
}
