package io.issuehooks.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;

/** Builds the organisations, teams and keys a test needs, through the public API. */
public final class Tenants {

    private final Api api;

    public Tenants(Api api) {
        this.api = api;
    }

    /** An organisation and its admin key. */
    public record Org(String id, String adminKey) {
    }

    public Org organization() {
        Api.Reply r = api.post("/api/v1/organizations", Api.BOOTSTRAP,
                Json.createObjectBuilder().add("name", "org-" + UUID.randomUUID()).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject json = r.json();
        return new Org(json.getJsonObject("organization").getString("id"),
                json.getJsonObject("serviceAccount").getString("apiKey"));
    }

    public String team(Org org, String name) {
        Api.Reply r = api.post("/api/v1/teams", org.adminKey(), Json.createObjectBuilder().add("name", name).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("id");
    }

    /** A service account's API key; teamId may be null. */
    public String key(Org org, String role, String teamId) {
        var body = Json.createObjectBuilder().add("name", role + "-key").add("role", role);
        if (teamId != null) {
            body.add("teamId", teamId);
        }
        Api.Reply r = api.post("/api/v1/service-accounts", org.adminKey(), body.build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("apiKey");
    }
}
