package io.issuehooks.tenancy;

import io.issuehooks.security.KeyHolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The service accounts as the holders of API keys, for the authentication filter of security. */
@ApplicationScoped
public class ServiceAccountKeyHolders implements KeyHolders {

    @Inject
    TenancyRepository tenancy;

    @Override
    public Optional<Holder> activeByKeyHash(String keyHash) {
        return tenancy.activeAccountByKeyHash(keyHash).map(a -> new Holder(a.id(), a.organizationId(), a.teamId(), a.role()));
    }
}
