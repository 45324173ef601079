package io.issuehooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuehooks.platform.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** The request-scoped caller, wired as CDI wires it, and what each kind of key may do. */
@EnableWeld
class CallerWiringTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Caller.class).activate(RequestScoped.class).build();

    @Inject
    Caller caller;

    @Test
    void anOrganisationAdminKeyManagesTheOrganisation() {
        caller.serviceAccount(UUID.randomUUID(), UUID.randomUUID(), null, Role.ADMIN);
        caller.requireOrganizationAdmin();
        assertThat(caller.teamId()).as("an organisation-wide key").isNull();
    }

    @Test
    void aTeamScopedAdminIsNotAnOrganisationAdmin() {
        UUID team = UUID.randomUUID();
        caller.serviceAccount(UUID.randomUUID(), UUID.randomUUID(), team, Role.ADMIN);
        assertThatThrownBy(caller::requireOrganizationAdmin).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403)).hasMessageContaining(team.toString());
        assertThat(caller.teamId()).isEqualTo(team);
    }

    @Test
    void theOperatorOnlyCreatesOrganisations() {
        caller.operator();
        caller.requireOperator();
        assertThatThrownBy(caller::requireOrganizationKey).hasMessageContaining("bootstrap key only creates and reads organisations");
    }
}
