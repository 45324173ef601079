package io.issuehooks.security;

import io.issuehooks.platform.ApiException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * The authenticated caller of the current request: the platform operator (bootstrap key) or a service account
 * of one organisation, possibly scoped to one team. Set once by {@link AuthenticationFilter}.
 */
@RequestScoped
public class Caller {

    private boolean operator;
    private UUID accountId;
    private UUID organizationId;
    private UUID teamId;
    private Role role;

    void operator() {
        this.operator = true;
    }

    void serviceAccount(UUID accountId, UUID organizationId, UUID teamId, Role role) {
        this.accountId = accountId;
        this.organizationId = organizationId;
        this.teamId = teamId;
        this.role = role;
    }

    public boolean isOperator() {
        return operator;
    }

    /** The service account's id, recorded as the {@code userId} of the changes it makes. */
    public UUID accountId() {
        return accountId;
    }

    public UUID organizationId() {
        return organizationId;
    }

    /** The team a scoped key is limited to, or null for an organisation-wide key. */
    public UUID teamId() {
        return teamId;
    }

    public void requireOperator() {
        if (!operator) {
            throw ApiException.forbidden("Only the platform operator (bootstrap) key may do this");
        }
    }

    /** Any key of an organisation: admin or member, team-scoped or not. */
    public void requireOrganizationKey() {
        if (organizationId == null) {
            throw ApiException.forbidden("This needs an organisation's API key; the bootstrap key only creates and reads organisations");
        }
    }

    /** An admin key of the whole organisation (not scoped to a team). */
    public void requireOrganizationAdmin() {
        requireOrganizationKey();
        if (role != Role.ADMIN || teamId != null) {
            throw ApiException.forbidden("This needs an organisation admin key; this key is "
                    + (teamId != null ? "scoped to team " + teamId : "a member key"));
        }
    }
}
