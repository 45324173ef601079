package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Organisations, teams, service accounts and keys, over HTTP against the real server on PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenancyIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    Api api;
    Tenants tenants;

    @BeforeEach
    void setUp() {
        api = new Api(base);
        tenants = new Tenants(api);
    }

    @Test
    void operatorCreatesAnOrganisationWithItsFirstAdminKeyShownOnce() {
        Api.Reply r = api.post("/api/v1/organizations", Api.BOOTSTRAP, Json.createObjectBuilder().add("name", "Acme").build());

        assertThat(r.status()).isEqualTo(201);
        JsonObject org = r.json().getJsonObject("organization");
        assertThat(org.getString("name")).isEqualTo("Acme");
        assertThat(r.header("Location")).endsWith("/api/v1/organizations/" + org.getString("id"));
        JsonObject account = r.json().getJsonObject("serviceAccount");
        assertThat(account.getString("role")).isEqualTo("admin");
        assertThat(account.isNull("teamId")).isTrue();
        String key = account.getString("apiKey");
        assertThat(key).startsWith("ihk_").hasSizeGreaterThan(40);

        Api.Reply located = api.get(r.header("Location"), key);
        assertThat(located.status()).isEqualTo(200);
        assertThat(located.json()).isEqualTo(org);
        assertThat(api.get(r.header("Location"), Api.BOOTSTRAP).status()).isEqualTo(200);
        assertThat(api.get(r.header("Location"), tenants.organization().adminKey()).status()).isEqualTo(404);

        Api.Reply listed = api.get("/api/v1/service-accounts", key);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).contains(account.getString("id"));
    }

    @Test
    void healthNeedsNoKeyAndChecksTheDatabase() {
        assertThat(api.get("/api/health", null).status()).isEqualTo(200);
        assertThat(api.get("/api/health/", null).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void missingOrUnknownKeysAre401WithABearerChallenge() {
        Api.Reply none = api.get("/api/v1/teams", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().getString("detail")).contains("Authorization: Bearer");

        Api.Reply unknown = api.get("/api/v1/teams", "ihk_not-a-real-key");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");

        Api.Reply notBootstrap = api.post("/api/v1/organizations", "wrong-" + Api.BOOTSTRAP,
                Json.createObjectBuilder().add("name", "x").build());
        assertThat(notBootstrap.status()).isEqualTo(401);
    }

    @Test
    void onlyTheOperatorCreatesOrganisationsAndTheOperatorManagesNothingElse() {
        Tenants.Org org = tenants.organization();
        assertThat(api.post("/api/v1/organizations", org.adminKey(), Json.createObjectBuilder().add("name", "x").build()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/webhooks", Api.BOOTSTRAP).status()).isEqualTo(403);
    }

    @Test
    void adminsCreateTeamsAndServiceAccountsOfEachKind() {
        Tenants.Org org = tenants.organization();
        String team = tenants.team(org, "Blue team");

        Api.Reply teams = api.get("/api/v1/teams", org.adminKey());
        assertThat(teams.json().getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(team);
        assertThat(api.get("/api/v1/teams/" + team, org.adminKey()).json().getString("name")).isEqualTo("Blue team");

        Api.Reply scoped = api.post("/api/v1/service-accounts", org.adminKey(),
                Json.createObjectBuilder().add("name", "ci").add("role", "member").add("teamId", team).build());
        assertThat(scoped.status()).isEqualTo(201);
        assertThat(scoped.json().getString("teamId")).isEqualTo(team);
        assertThat(scoped.json().getString("role")).isEqualTo("member");
        assertThat(scoped.header("Location")).endsWith("/api/v1/service-accounts/" + scoped.json().getString("id"));

        String member = tenants.key(org, "member", null);
        assertThat(api.post("/api/v1/teams", member, Json.createObjectBuilder().add("name", "x").build()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/service-accounts", scoped.json().getString("apiKey"),
                Json.createObjectBuilder().add("name", "x").add("role", "admin").build()).status()).isEqualTo(403);
    }

    @Test
    void badServiceAccountRequestsNameTheFieldAndStoreNothing() {
        Tenants.Org org = tenants.organization();
        Tenants.Org other = tenants.organization();
        String foreignTeam = tenants.team(other, "theirs");

        assertRefused(org, Json.createObjectBuilder().add("name", "x").add("role", "owner").build(), "role");
        assertRefused(org, Json.createObjectBuilder().add("role", "admin").build(), "name");
        assertRefused(org, Json.createObjectBuilder().add("name", "x").add("role", "admin").add("teamId", foreignTeam).build(), "teamId");
        assertRefused(org, Json.createObjectBuilder().add("name", "x").add("role", "admin").add("scopes", "all").build(), "scopes");

        assertThat(api.get("/api/v1/service-accounts", org.adminKey()).json().getJsonArray("data")).hasSize(1);
    }

    private void assertRefused(Tenants.Org org, JsonObject body, String field) {
        Api.Reply r = api.post("/api/v1/service-accounts", org.adminKey(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("detail")).startsWith(field + ":");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Tenants.Org org = tenants.organization();
        Api.Reply created = api.post("/api/v1/service-accounts", org.adminKey(),
                Json.createObjectBuilder().add("name", "temp").add("role", "admin").build());
        String key = created.json().getString("apiKey");
        assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/service-accounts/" + created.json().getString("id"), org.adminKey()).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(401);
        JsonObject shown = api.get("/api/v1/service-accounts/" + created.json().getString("id"), org.adminKey()).json();
        assertThat(shown.isNull("revokedAt")).isFalse();
    }

    @Test
    void theLastAdminKeyCannotBeRevoked() {
        Tenants.Org org = tenants.organization();
        String adminId = api.get("/api/v1/service-accounts", org.adminKey()).json().getJsonArray("data").getJsonObject(0).getString("id");

        Api.Reply r = api.delete("/api/v1/service-accounts/" + adminId, org.adminKey());

        assertThat(r.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/teams", org.adminKey()).status()).isEqualTo(200);
    }

    @Test
    void anotherOrganisationsTeamsAndAccountsAreNotFound() {
        Tenants.Org mine = tenants.organization();
        Tenants.Org theirs = tenants.organization();
        String theirTeam = tenants.team(theirs, "theirs");
        String theirAccount = api.get("/api/v1/service-accounts", theirs.adminKey()).json().getJsonArray("data").getJsonObject(0).getString("id");

        Api.Reply team = api.get("/api/v1/teams/" + theirTeam, mine.adminKey());
        assertThat(team.status()).isEqualTo(404);
        assertThat(team.body()).doesNotContain("theirs");
        assertThat(api.get("/api/v1/service-accounts/" + theirAccount, mine.adminKey()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/service-accounts/" + theirAccount, mine.adminKey()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/teams/" + java.util.UUID.randomUUID(), mine.adminKey()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/teams", mine.adminKey()).json().getJsonArray("data")).isEmpty();
    }
}
