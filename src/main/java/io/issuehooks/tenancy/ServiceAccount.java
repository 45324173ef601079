package io.issuehooks.tenancy;

import io.issuehooks.platform.Times;
import io.issuehooks.security.ApiKeys;
import io.issuehooks.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A non-human identity of an organisation, authenticated by its API key (of which only the hash is kept). */
@Entity
@Table(name = "service_account")
public class ServiceAccount {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "key_hash", nullable = false)
    private String keyHash;

    @Column(name = "key_prefix", nullable = false)
    private String keyPrefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ServiceAccount() {
    }

    /** Creates the account for a key the caller generated and will show once. */
    public ServiceAccount(UUID organizationId, UUID teamId, String name, Role role, String apiKey) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.teamId = teamId;
        this.name = name;
        this.role = role;
        this.keyHash = ApiKeys.hash(apiKey);
        this.keyPrefix = ApiKeys.displayPrefix(apiKey);
        this.createdAt = Times.now();
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Times.now();
        }
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID teamId() {
        return teamId;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String keyHash() {
        return keyHash;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public boolean isOrganizationAdmin() {
        return role == Role.ADMIN && teamId == null && revokedAt == null;
    }
}
