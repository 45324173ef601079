package io.issuehooks.tenancy;

import io.issuehooks.platform.ApiException;
import io.issuehooks.security.ApiKeys;
import io.issuehooks.security.Caller;
import io.issuehooks.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** The use cases that change tenancy: one method each, one transaction each. */
@ApplicationScoped
@Transactional
public class TenancyService {

    @Inject
    TenancyRepository repository;

    @Inject
    Caller caller;

    @PersistenceContext
    EntityManager em;

    /** A service account and its API key, which exists in plain text only in this object. */
    public record NewAccount(ServiceAccount account, String apiKey) {
    }

    public record NewOrganization(Organization organization, NewAccount admin) {
    }

    public NewOrganization createOrganization(String name) {
        caller.requireOperator();
        Organization organization = new Organization(name);
        repository.add(organization);
        String key = ApiKeys.generate();
        ServiceAccount admin = new ServiceAccount(organization.id(), null, "admin", Role.ADMIN, key);
        repository.add(admin);
        return new NewOrganization(organization, new NewAccount(admin, key));
    }

    public Team createTeam(String name) {
        caller.requireOrganizationAdmin();
        Team team = new Team(caller.organizationId(), name);
        repository.add(team);
        return team;
    }

    public NewAccount createServiceAccount(String name, Role role, UUID teamId) {
        caller.requireOrganizationAdmin();
        if (teamId != null && repository.team(caller.organizationId(), teamId).isEmpty()) {
            throw ApiException.invalid("teamId", "no team with id " + teamId + " in this organisation");
        }
        String key = ApiKeys.generate();
        ServiceAccount account = new ServiceAccount(caller.organizationId(), teamId, name, role, key);
        repository.add(account);
        return new NewAccount(account, key);
    }

    public void revokeServiceAccount(UUID accountId) {
        caller.requireOrganizationAdmin();
        // Locking the organisation serialises concurrent revocations, so two of them cannot both pass the
        // last-admin check below.
        em.find(Organization.class, caller.organizationId(), LockModeType.PESSIMISTIC_WRITE);
        ServiceAccount account = repository.account(caller.organizationId(), accountId)
                .orElseThrow(() -> ApiException.notFound("service account", accountId));
        if (account.isOrganizationAdmin() && repository.activeOrganizationAdmins(caller.organizationId()) == 1) {
            throw new ApiException(409, "This is the organisation's last admin key; create another admin before revoking it", null);
        }
        account.revoke();
    }
}
