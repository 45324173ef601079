package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Database;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhooks API of the public documentation, over HTTP against the real server on PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhookApiIT {

    static final String HOOKS = "/api/v1/webhooks";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    Api api;
    Tenants tenants;
    Tenants.Org org;

    @BeforeEach
    void setUp() {
        api = new Api(base);
        tenants = new Tenants(api);
        org = tenants.organization();
    }

    static JsonObjectBuilder webhook(String name) {
        return Json.createObjectBuilder()
                .add("url", "https://siem.example.com/hooks/" + name)
                .add("name", name)
                .add("events", Json.createArrayBuilder().add("issue.created").add("issue.status_changed"));
    }

    JsonObject create(JsonObject body) {
        Api.Reply r = api.post(HOOKS, org.adminKey(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createReturnsTheWebhookItsLocationAndItsSecretOnce() {
        Api.Reply r = api.post(HOOKS, org.adminKey(), webhook("siem").build());

        assertThat(r.status()).isEqualTo(201);
        JsonObject created = r.json();
        String id = created.getString("id");
        assertThat(r.header("Location")).isEqualTo(api.base() + HOOKS + "/" + id);
        assertThat(created.getString("organizationId")).isEqualTo(org.id());
        assertThat(created.isNull("teamId")).isTrue();
        assertThat(created.getString("name")).isEqualTo("siem");
        assertThat(created.getString("url")).isEqualTo("https://siem.example.com/hooks/siem");
        assertThat(created.getJsonArray("events").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("issue.created", "issue.status_changed");
        assertThat(created.getBoolean("enabled")).isTrue();
        assertThat(created.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(created.getString("updatedAt")).isEqualTo(created.getString("createdAt"));
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        Api.Reply fetched = api.get(HOOKS + "/" + id, org.adminKey());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().containsKey("secret")).isFalse();
        assertThat(fetched.body()).doesNotContain(secret.substring(6));
        assertThat(api.get(HOOKS, org.adminKey()).body()).doesNotContain(secret.substring(6));
    }

    @Test
    void theDatabaseHoldsNoSecretOrKeyInPlainText() {
        JsonObject created = create(webhook("dump").build());
        String secret = created.getString("secret");

        String webhooks = Database.dump("webhook");
        assertThat(webhooks).contains(created.getString("id")).doesNotContain(secret).doesNotContain(secret.substring(6));
        String accounts = Database.dump("service_account");
        assertThat(accounts).doesNotContain(org.adminKey()).doesNotContain(org.adminKey().substring(4));
    }

    @Test
    void bothPathsServeTheSameWebhooks() {
        JsonObject created = create(webhook("both").build());

        Api.Reply viaOld = api.get("/api/webhooks/" + created.getString("id"), org.adminKey());
        assertThat(viaOld.status()).isEqualTo(200);
        assertThat(viaOld.json().getString("name")).isEqualTo("both");
        Api.Reply createdOld = api.post("/api/webhooks", org.adminKey(), webhook("old").build());
        assertThat(createdOld.status()).isEqualTo(201);
        assertThat(createdOld.header("Location")).contains("/api/webhooks/");
        assertThat(api.get("/api/webhooks/event-types", org.adminKey()).json().getJsonArray("data")).hasSize(8);
    }

    @Test
    void eventTypesListsTheFiveIssueEventsThenTheOperationalOnesWithDescriptions() {
        String member = tenants.key(org, "member", null);
        JsonArray types = api.get(HOOKS + "/event-types", member).json().getJsonArray("data");

        assertThat(types.getValuesAs(JsonObject.class)).extracting(t -> t.getString("name")).containsExactly(
                "issue.created", "issue.updated", "issue.status_changed", "issue.severity_changed", "issue.comment_added",
                "webhook.failing", "webhook.disabled", "delivery.exhausted");
        assertThat(types.getValuesAs(JsonObject.class)).allSatisfy(t -> assertThat(t.getString("description")).isNotBlank());
    }

    @Test
    void listIsPagedInAStableOrderAndFiltersByTeam() {
        String team = tenants.team(org, "red");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonObjectBuilder body = webhook("w" + i);
            if (i % 2 == 0) {
                body.add("teamId", team);
            }
            ids.add(create(body.build()).getString("id"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = api.get(HOOKS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), org.adminKey());
            assertThat(page.status()).isEqualTo(200);
            JsonArray data = page.json().getJsonArray("data");
            assertThat(data.size()).isLessThanOrEqualTo(2);
            data.getValuesAs(JsonObject.class).forEach(w -> seen.add(w.getString("id")));
            cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);

        JsonArray teamOnly = api.get(HOOKS + "?teamId=" + team, org.adminKey()).json().getJsonArray("data");
        assertThat(teamOnly.getValuesAs(JsonObject.class)).extracting(w -> w.getString("id"))
                .containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(api.get(HOOKS + "?limit=0", org.adminKey()).status()).isEqualTo(400);
        assertThat(api.get(HOOKS + "?cursor=garbage", org.adminKey()).status()).isEqualTo(400);
    }

    @Test
    void putReplacesAndPatchMerges() throws Exception {
        String team = tenants.team(org, "ops");
        JsonObject created = create(webhook("orig").add("teamId", team).build());
        String path = HOOKS + "/" + created.getString("id");
        Thread.sleep(5);

        Api.Reply put = api.put(path, org.adminKey(), Json.createObjectBuilder()
                .add("url", "http://jira.example.com/in").add("name", "jira")
                .add("events", Json.createArrayBuilder().add("issue.updated")).build());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().getString("name")).isEqualTo("jira");
        assertThat(put.json().isNull("teamId")).as("PUT replaces: an absent teamId is removed").isTrue();
        assertThat(put.json().getBoolean("enabled")).isTrue();
        assertThat(put.json().getString("updatedAt")).isGreaterThan(created.getString("updatedAt"));
        assertThat(put.json().getString("createdAt")).isEqualTo(created.getString("createdAt"));

        Api.Reply patch = api.patch(path, org.adminKey(), Json.createObjectBuilder().add("enabled", false).add("teamId", team).build());
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
        assertThat(patch.json().getBoolean("enabled")).isFalse();
        assertThat(patch.json().getString("teamId")).isEqualTo(team);
        assertThat(patch.json().getString("name")).as("PATCH keeps what it does not name").isEqualTo("jira");

        Api.Reply removeTeam = api.patch(path, org.adminKey(), Json.createObjectBuilder().addNull("teamId").build());
        assertThat(removeTeam.json().isNull("teamId")).isTrue();
        assertThat(api.get(path, org.adminKey()).json().getBoolean("enabled")).isFalse();

        Api.Reply removeEnabled = api.patch(path, org.adminKey(), Json.createObjectBuilder().addNull("enabled").build());
        assertThat(removeEnabled.status()).as("null must not quietly re-enable a disabled webhook").isEqualTo(400);
        assertThat(api.get(path, org.adminKey()).json().getBoolean("enabled")).isFalse();

        Api.Reply removeName = api.patch(path, org.adminKey(), Json.createObjectBuilder().addNull("name").build());
        assertThat(removeName.status()).isEqualTo(400);
        assertThat(removeName.json().getString("detail")).startsWith("name:");
    }

    @Test
    void deleteRemovesTheWebhook() {
        String path = HOOKS + "/" + create(webhook("gone").build()).getString("id");

        assertThat(api.delete(path, org.adminKey()).status()).isEqualTo(204);

        assertThat(api.get(path, org.adminKey()).status()).isEqualTo(404);
        assertThat(api.delete(path, org.adminKey()).status()).isEqualTo(404);
        assertThat(api.get(HOOKS, org.adminKey()).json().getJsonArray("data")).isEmpty();
    }

    @Test
    void regenerateSecretReturnsANewSecret() {
        JsonObject created = create(webhook("rotate").build());

        Api.Reply r = api.post(HOOKS + "/" + created.getString("id") + "/regenerate-secret", org.adminKey(), "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("secret")).startsWith("whsec_").isNotEqualTo(created.getString("secret"));
        assertThat(r.json().getString("id")).isEqualTo(created.getString("id"));
    }

    @Test
    void memberAndTeamScopedKeysMayNotManageWebhooks() {
        String team = tenants.team(org, "t");
        String id = create(webhook("x").build()).getString("id");
        for (String key : List.of(tenants.key(org, "member", null), tenants.key(org, "admin", team), tenants.key(org, "member", team))) {
            assertThat(api.post(HOOKS, key, webhook("y").build()).status()).isEqualTo(403);
            assertThat(api.get(HOOKS, key).status()).isEqualTo(403);
            assertThat(api.get(HOOKS + "/" + id, key).status()).isEqualTo(403);
            assertThat(api.delete(HOOKS + "/" + id, key).status()).isEqualTo(403);
            assertThat(api.post(HOOKS + "/" + id + "/regenerate-secret", key, "").status()).isEqualTo(403);
        }
        assertThat(api.get(HOOKS, org.adminKey()).json().getJsonArray("data")).hasSize(1);
    }

    @Test
    void anotherOrganisationsWebhookIsNotFound() {
        Tenants.Org other = tenants.organization();
        String theirs = HOOKS + "/" + api.post(HOOKS, other.adminKey(), webhook("theirs").build()).json().getString("id");

        Api.Reply get = api.get(theirs, org.adminKey());
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.body()).doesNotContain("theirs").doesNotContain(other.id());
        assertThat(api.put(theirs, org.adminKey(), webhook("mine").build()).status()).isEqualTo(404);
        assertThat(api.patch(theirs, org.adminKey(), Json.createObjectBuilder().add("enabled", false).build()).status()).isEqualTo(404);
        assertThat(api.post(theirs + "/regenerate-secret", org.adminKey(), "").status()).isEqualTo(404);
        assertThat(api.delete(theirs, org.adminKey()).status()).isEqualTo(404);
        assertThat(api.get(HOOKS, org.adminKey()).json().getJsonArray("data")).isEmpty();
        assertThat(api.get(theirs, other.adminKey()).json().getBoolean("enabled")).isTrue();
        assertThat(api.get(HOOKS + "/" + UUID.randomUUID(), org.adminKey()).status()).isEqualTo(404);
        assertThat(api.get(HOOKS + "/not-an-id", org.adminKey()).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "/relative/path", "example.com/hook", "https://user:pw@example.com/x",
            "http://", "https://exa mple.com/", "mailto:sec@example.com", "javascript:alert(1)"})
    void badUrlsAreRefusedNamingTheField(String url) {
        assertRefused(webhook("u").add("url", url).build(), "url");
    }

    @Test
    void overLongUrlsAndNamesAreRefused() {
        assertRefused(webhook("u").add("url", "https://example.com/" + "a".repeat(2049 - 20)).build(), "url");
        JsonObject atLimit = webhook("u").add("url", "https://example.com/" + "a".repeat(2048 - 20)).build();
        assertThat(atLimit.getString("url")).hasSize(2048);
        assertThat(api.post(HOOKS, org.adminKey(), atLimit).status()).isEqualTo(201);
        assertRefused(webhook("u").add("name", "n".repeat(201)).build(), "name");
        assertRefused(webhook("u").add("name", "   ").build(), "name");
        assertRefused(webhook("u").add("name", 42).build(), "name");
        assertThat(api.get(HOOKS, org.adminKey()).json().getJsonArray("data")).hasSize(1);
    }

    @Test
    void badEventListsAreRefused() {
        assertRefused(webhook("e").add("events", Json.createArrayBuilder()).build(), "events");
        assertRefused(webhook("e").add("events", Json.createArrayBuilder().add("issue.created").add("issue.created")).build(), "events");
        assertRefused(webhook("e").add("events", Json.createArrayBuilder().add("issue.deleted")).build(), "events");
        assertRefused(webhook("e").add("events", "issue.created").build(), "events");
        assertRefused(webhook("e").remove("events").build(), "events");
    }

    @Test
    void rateLimitsOutsideTheirRangeAreRefusedByTheirConstraintOnCreateReplaceAndPatch() {
        String range = "rateLimit: must be a whole number from 1 to 10000";
        for (JsonObject bad : List.of(webhook("r").add("rateLimit", 0).build(), webhook("r").add("rateLimit", 10_001).build(),
                webhook("r").add("rateLimit", -1).build(), webhook("r").add("rateLimit", 2.5).build(),
                webhook("r").add("rateLimit", "5").build(), webhook("r").add("rateLimit", 99_999_999_999L).build())) {
            Api.Reply r = api.post(HOOKS, org.adminKey(), bad);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().getString("detail")).as(bad.toString()).isEqualTo(range);
        }
        JsonObject created = api.post(HOOKS, org.adminKey(), webhook("r").add("rateLimit", 10_000).build()).json();
        String path = HOOKS + "/" + created.getString("id");
        Api.Reply patched = api.patch(path, org.adminKey(), Json.createObjectBuilder().add("rateLimit", 0).build());
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.json().getString("detail")).isEqualTo(range);
        Api.Reply replaced = api.put(path, org.adminKey(), webhook("r").add("rateLimit", 10_001).build());
        assertThat(replaced.status()).isEqualTo(400);
        assertThat(api.get(path, org.adminKey()).json().getInt("rateLimit")).as("nothing changed").isEqualTo(10_000);
    }

    @Test
    void aTeamOfAnotherOrganisationOrAnUnknownOneIsRefused() {
        String theirTeam = tenants.team(tenants.organization(), "theirs");
        assertRefused(webhook("t").add("teamId", theirTeam).build(), "teamId");
        assertRefused(webhook("t").add("teamId", UUID.randomUUID().toString()).build(), "teamId");
        assertRefused(webhook("t").add("teamId", "not-a-uuid").build(), "teamId");
    }

    @Test
    void unknownFieldsAreRefused() {
        assertRefused(webhook("f").add("secret", "whsec_mine").build(), "secret");
        assertRefused(webhook("f").add("evnets", Json.createArrayBuilder()).build(), "evnets");
    }

    @Test
    void malformedJsonWrongContentTypeAndHugeBodiesAreRefused() {
        Api.Reply malformed = api.raw("POST", HOOKS, org.adminKey(), "application/json", "{\"name\": \"x\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().getString("detail")).startsWith("Malformed JSON");

        Api.Reply notObject = api.raw("POST", HOOKS, org.adminKey(), "application/json", "[1,2]");
        assertThat(notObject.status()).isEqualTo(400);

        Api.Reply duplicate = api.raw("POST", HOOKS, org.adminKey(), "application/json",
                "{\"name\":\"a\",\"name\":\"b\",\"url\":\"https://example.com\",\"events\":[\"issue.created\"]}");
        assertThat(duplicate.status()).isEqualTo(400);

        Api.Reply wrongType = api.raw("POST", HOOKS, org.adminKey(), "text/plain", webhook("x").build().toString());
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");

        String huge = webhook("x").add("name", "n".repeat(260 * 1024)).build().toString();
        Api.Reply tooBig = api.raw("POST", HOOKS, org.adminKey(), "application/json", huge);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");

        assertThat(api.get(HOOKS, org.adminKey()).json().getJsonArray("data")).isEmpty();
    }

    @Test
    void errorsNeverCarryStackTraces() {
        Api.Reply r = api.raw("POST", HOOKS, org.adminKey(), "application/json", "{\"url\": [}");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.eclipse");
    }

    private void assertRefused(JsonObject body, String field) {
        Api.Reply r = api.post(HOOKS, org.adminKey(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("detail")).as(r.toString()).startsWith(field + ":");
        assertThat(r.json().getInt("status")).isEqualTo(400);
    }
}
