package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.ServerManagement;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The issues API over HTTP: recording, reading, changing, commenting, and who may do what. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IssueApiIT {

    static final String ISSUES = "/api/v1/issues";

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

    static JsonObjectBuilder issue(String severity) {
        return Json.createObjectBuilder().add("pluginId", "harmful:privacy").add("severity", severity);
    }

    JsonObject create(String key, JsonObject body) {
        Api.Reply r = api.post(ISSUES, key, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createdIssuesHaveTheDocumentedFieldsAndDefaults() {
        Api.Reply r = api.post(ISSUES, org.adminKey(), issue("medium").add("targetId", "t").add("weakness", "PII leak").build());

        assertThat(r.status()).isEqualTo(201);
        JsonObject issue = r.json();
        assertThat(issue.keySet()).containsExactly("id", "pluginId", "status", "severity", "organizationId", "teamId",
                "targetId", "providerId", "createdAt", "updatedAt", "weakness", "history");
        assertThat(issue.getString("status")).isEqualTo("open");
        assertThat(issue.getString("organizationId")).isEqualTo(org.id());
        assertThat(issue.isNull("providerId")).isTrue();
        assertThat(issue.getJsonArray("history").getJsonObject(0).getString("event")).isEqualTo("issue.created");
        assertThat(r.header("Location")).endsWith(ISSUES + "/" + issue.getString("id"));
        assertThat(r.header("ETag")).isNotBlank();
        assertThat(api.get("/api/issues/" + issue.getString("id"), org.adminKey()).json()).isEqualTo(issue);
    }

    @Test
    void aBurstOfCallsBeyondTheRequestThreadsWaitsItsTurnAndNoneIsRefused() throws Exception {
        // Five times the request threads (ISSUEHOOKS_HTTP_THREADS, default 8), all sent at once.
        int calls = 40;
        CyclicBarrier together = new CyclicBarrier(calls);
        Callable<Api.Reply> call = () -> {
            together.await();
            return api.post(ISSUES, org.adminKey(), issue("low").build());
        };
        ExecutorService clients = Executors.newFixedThreadPool(calls);
        try {
            for (Future<Api.Reply> reply : clients.invokeAll(Collections.nCopies(calls, call), 60, TimeUnit.SECONDS)) {
                Api.Reply r = reply.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(api.get(ISSUES + "?limit=100", org.adminKey()).json().getJsonArray("data")).hasSize(calls);
        // WildFly's own default would have started up to 32 threads for them.
        assertThat(new ServerManagement(base.getHost(), base.getPort()).threadsNamed("default task-"))
                .as("request threads").isBetween(1L, 8L);
    }

    @Test
    void listFiltersAndPages() {
        String team = tenants.team(org, "red");
        List<String> ids = new ArrayList<>();
        for (String severity : List.of("low", "high", "low", "critical", "low")) {
            ids.add(create(org.adminKey(), issue(severity).add("teamId", team).build()).getString("id"));
        }
        create(org.adminKey(), issue("low").add("status", "fixed").build());

        JsonArray lows = api.get(ISSUES + "?severity=low&status=open", org.adminKey()).json().getJsonArray("data");
        assertThat(lows.getValuesAs(JsonObject.class)).extracting(i -> i.getString("id")).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(api.get(ISSUES + "?teamId=" + team, org.adminKey()).json().getJsonArray("data")).hasSize(5);
        assertThat(api.get(ISSUES + "?status=fixed", org.adminKey()).json().getJsonArray("data")).hasSize(1);

        JsonObject first = api.get(ISSUES + "?limit=4", org.adminKey()).json();
        assertThat(first.getJsonArray("data")).hasSize(4);
        JsonObject second = api.get(ISSUES + "?limit=4&cursor=" + first.getString("nextCursor"), org.adminKey()).json();
        assertThat(second.getJsonArray("data")).hasSize(2);
        assertThat(second.isNull("nextCursor")).isTrue();

        assertThat(api.get(ISSUES + "?severity=urgent", org.adminKey()).status()).isEqualTo(400);
        assertThat(api.get(ISSUES + "?status=closed", org.adminKey()).status()).isEqualTo(400);
    }

    @Test
    void patchChangesOnlyWhatItNamesAndIfMatchGuardsIt() {
        JsonObject created = create(org.adminKey(), issue("high").add("targetId", "t1").build());
        String path = ISSUES + "/" + created.getString("id");
        String etag = api.get(path, org.adminKey()).header("ETag");

        Api.Reply stale = api.raw("PATCH", path, org.adminKey(), "application/merge-patch+json", "{\"status\":\"fixed\"}",
                "If-Match", "\"999999\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");

        Api.Reply ok = api.raw("PATCH", path, org.adminKey(), "application/merge-patch+json", "{\"status\":\"fixed\"}",
                "If-Match", etag);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().getString("status")).isEqualTo("fixed");
        assertThat(ok.json().getString("targetId")).isEqualTo("t1");
        assertThat(ok.header("ETag")).isNotEqualTo(etag);

        Api.Reply again = api.raw("PATCH", path, org.adminKey(), "application/merge-patch+json", "{\"status\":\"open\"}",
                "If-Match", etag);
        assertThat(again.status()).as("the old ETag no longer matches").isEqualTo(412);
        String current = api.get(path, org.adminKey()).header("ETag");
        assertThat(api.raw("PATCH", path, org.adminKey(), "application/merge-patch+json", "{\"status\":\"open\"}",
                "If-Match", "W/" + current).status()).as("If-Match compares strongly: a weak tag never matches").isEqualTo(412);
        assertThat(api.raw("PATCH", path, org.adminKey(), "application/merge-patch+json", "{\"severity\":\"low\"}",
                "If-Match", "\"999998\", " + current + ", *").status()).as("any tag of a list").isEqualTo(200);
        assertThat(api.get(path, org.adminKey()).json().getString("status")).isEqualTo("fixed");
        assertThat(api.get(path, org.adminKey()).json().getString("severity")).isEqualTo("low");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        refused(issue("high").remove("pluginId").build(), "pluginId");
        refused(issue("urgent").build(), "severity");
        refused(Json.createObjectBuilder().add("pluginId", "p").build(), "severity");
        refused(issue("high").add("status", "closed").build(), "status");
        refused(issue("high").add("id", "mine").build(), "id");
        refused(issue("high").add("weakness", "w".repeat(1001)).build(), "weakness");
        refused(issue("high").add("targetId", "bad\u0000byte").build(), "targetId");
        refused(issue("high").add("teamId", tenants.team(tenants.organization(), "other")).build(), "teamId");
        Api.Reply lone = api.raw("POST", ISSUES, org.adminKey(), "application/json",
                "{\"pluginId\":\"p\",\"severity\":\"low\",\"weakness\":\"\\ud800\"}");
        assertThat(lone.status()).isEqualTo(400);
        assertThat(lone.json().getString("detail")).startsWith("weakness:");
        assertThat(api.get(ISSUES, org.adminKey()).json().getJsonArray("data")).isEmpty();

        String path = ISSUES + "/" + create(org.adminKey(), issue("high").build()).getString("id");
        Api.Reply badPatch = api.patch(path, org.adminKey(), Json.createObjectBuilder().add("severity", "low").add("pluginId", "x").build());
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(badPatch.json().getString("detail")).startsWith("pluginId:");
        assertThat(api.patch(path, org.adminKey(), Json.createObjectBuilder().addNull("status").build()).status()).isEqualTo(400);
        assertThat(api.get(path, org.adminKey()).json().getString("severity")).isEqualTo("high");
    }

    private void refused(JsonObject body, String field) {
        Api.Reply r = api.post(ISSUES, org.adminKey(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("detail")).as(r.toString()).startsWith(field + ":");
    }

    @Test
    void commentsAreAddedAndListed() {
        String path = ISSUES + "/" + create(org.adminKey(), issue("low").build()).getString("id");
        String member = tenants.key(org, "member", null);

        Api.Reply added = api.post(path + "/comments", member, Json.createObjectBuilder().add("body", "first").build());
        api.post(path + "/comments", org.adminKey(), Json.createObjectBuilder().add("body", "second").build());

        assertThat(added.status()).isEqualTo(201);
        Api.Reply located = api.get(added.header("Location"), member);
        assertThat(located.status()).isEqualTo(200);
        assertThat(located.json()).isEqualTo(added.json());
        JsonArray comments = api.get(path + "/comments", org.adminKey()).json().getJsonArray("data");
        assertThat(comments.getValuesAs(JsonObject.class)).extracting(c -> c.getString("body")).containsExactly("first", "second");
        assertThat(api.post(path + "/comments", member, Json.createObjectBuilder().add("body", " ").build()).status()).isEqualTo(400);
        assertThat(api.post(path + "/comments", member, Json.createObjectBuilder().add("text", "x").build()).status()).isEqualTo(400);
        assertThat(api.get(path, member).json().getJsonArray("history")).hasSize(3);
    }

    @Test
    void bodiesThatAreNotUtf8OrNestedTooDeepAreRefusedAndStoreNothing() {
        byte[] latin1 = "{\"pluginId\":\"caf\u00e9\",\"severity\":\"low\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Api.Reply notUtf8 = api.rawBytes("POST", ISSUES, org.adminKey(), "application/json", latin1);
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.contentType()).startsWith("application/problem+json");
        assertThat(notUtf8.json().getString("detail")).contains("not valid UTF-8").contains("offset 16");

        String deep = "{\"pluginId\":\"x\",\"severity\":\"low\",\"targetId\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Api.Reply nested = api.raw("POST", ISSUES, org.adminKey(), "application/json", deep);
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(nested.json().getString("detail")).isEqualTo("The request body is nested deeper than 32 levels");

        assertThat(api.get(ISSUES, org.adminKey()).json().getJsonArray("data")).isEmpty();
    }

    @Test
    void aCommentOfTwentyThousandEscapedEmojiIsAccepted() {
        String path = ISSUES + "/" + create(org.adminKey(), issue("low").build()).getString("id");
        String escaped = "{\"body\":\"" + "\\ud83d\\ude00".repeat(20_000) + "\"}"; // 240 KB on the wire
        Api.Reply added = api.raw("POST", path + "/comments", org.adminKey(), "application/json", escaped);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().getString("body")).isEqualTo("\uD83D\uDE00".repeat(20_000));
        Api.Reply tooLong = api.raw("POST", path + "/comments", org.adminKey(), "application/json",
                "{\"body\":\"" + "\\ud83d\\ude00".repeat(20_001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getString("detail")).startsWith("body: must be at most 20000 characters");
    }

    @Test
    void membersWriteTeamKeysSeeOnlyTheirTeamAndTheOperatorNothing() {
        String red = tenants.team(org, "red");
        String blue = tenants.team(org, "blue");
        String redKey = tenants.key(org, "member", red);
        String redIssue = create(org.adminKey(), issue("low").add("teamId", red).build()).getString("id");
        String blueIssue = create(org.adminKey(), issue("low").add("teamId", blue).build()).getString("id");
        String orgIssue = create(tenants.key(org, "member", null), issue("low").build()).getString("id");

        JsonObject own = create(redKey, issue("high").build());
        assertThat(own.getString("teamId")).as("a team key records for its team").isEqualTo(red);
        assertThat(api.post(ISSUES, redKey, issue("high").add("teamId", blue).build()).status()).isEqualTo(403);
        assertThat(api.get(ISSUES, redKey).json().getJsonArray("data").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("id")).containsExactly(redIssue, own.getString("id"));
        assertThat(api.get(ISSUES + "/" + blueIssue, redKey).status()).isEqualTo(404);
        assertThat(api.get(ISSUES + "/" + orgIssue, redKey).status()).isEqualTo(404);
        assertThat(api.patch(ISSUES + "/" + blueIssue, redKey, Json.createObjectBuilder().add("status", "fixed").build()).status()).isEqualTo(404);
        assertThat(api.post(ISSUES + "/" + blueIssue + "/comments", redKey, Json.createObjectBuilder().add("body", "x").build()).status()).isEqualTo(404);
        assertThat(api.patch(ISSUES + "/" + redIssue, redKey, Json.createObjectBuilder().add("status", "fixed").build()).status()).isEqualTo(200);

        assertThat(api.get(ISSUES, Api.BOOTSTRAP).status()).isEqualTo(403);
        assertThat(api.get(ISSUES, null).status()).isEqualTo(401);
    }

    @Test
    void anotherOrganisationsIssuesAreNotFound() {
        Tenants.Org other = tenants.organization();
        String theirs = ISSUES + "/" + create(other.adminKey(), issue("critical").add("weakness", "secret-name").build()).getString("id");

        Api.Reply r = api.get(theirs, org.adminKey());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("secret-name");
        assertThat(api.patch(theirs, org.adminKey(), Json.createObjectBuilder().add("status", "fixed").build()).status()).isEqualTo(404);
        assertThat(api.get(theirs + "/comments", org.adminKey()).status()).isEqualTo(404);
        assertThat(api.post(theirs + "/comments", org.adminKey(), Json.createObjectBuilder().add("body", "x").build()).status()).isEqualTo(404);
        assertThat(api.get(ISSUES, org.adminKey()).json().getJsonArray("data")).isEmpty();
        assertThat(api.get(theirs, other.adminKey()).json().getString("status")).isEqualTo("open");
    }
}
