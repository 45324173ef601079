package io.issuehooks.tenancy;

import static io.issuehooks.contract.JsonSupport.JSON;
import static io.issuehooks.contract.JsonSupport.nullable;

import io.issuehooks.platform.Times;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** How organisations, teams and service accounts read in the API. */
final class TenancyJson {

    private TenancyJson() {
    }

    static JsonObject organization(Organization o) {
        return JSON.createObjectBuilder()
                .add("id", o.id().toString())
                .add("name", o.name())
                .add("createdAt", Times.format(o.createdAt()))
                .build();
    }

    static JsonObject team(Team t) {
        return JSON.createObjectBuilder()
                .add("id", t.id().toString())
                .add("organizationId", t.organizationId().toString())
                .add("name", t.name())
                .add("createdAt", Times.format(t.createdAt()))
                .build();
    }

    static JsonObject account(ServiceAccount a) {
        return accountBuilder(a).build();
    }

    /** The one representation that carries the key: the response to the request that created it. */
    static JsonObject accountWithKey(TenancyService.NewAccount created) {
        return accountBuilder(created.account()).add("apiKey", created.apiKey()).build();
    }

    private static JsonObjectBuilder accountBuilder(ServiceAccount a) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", a.id().toString())
                .add("organizationId", a.organizationId().toString());
        nullable(b, "teamId", a.teamId());
        b.add("name", a.name())
                .add("role", a.role().json())
                .add("keyPrefix", a.keyPrefix())
                .add("createdAt", Times.format(a.createdAt()));
        return nullable(b, "revokedAt", a.revokedAt());
    }

}
