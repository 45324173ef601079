package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Receiver.Request;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/events as a collector that pulls would use it: the same events, with the same bytes and event ids,
 * that webhooks receive; events no webhook receives; filters; a cursor to poll on from; a team key's share; bad
 * parameters refused.
 */
class EventFeedIT extends ReceiverTestBase {

    static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void theFeedHoldsTheBytesWebhooksReceivedWithTheirEventIds() {
        f.webhook(receiver.url("/siem"));
        String issue = f.issue();
        f.patchIssue(issue, Json.createObjectBuilder().add("status", "fixed").build());
        f.api.post("/api/v1/issues/" + issue + "/comments", f.org.adminKey(), Json.createObjectBuilder().add("body", "<b>ok</b> \u00e9\u2028").build());
        List<Request> delivered = receiver.await("/siem", 3, WAIT);

        Api.Reply feed = awaitFeed(f.org.adminKey(), "?issueId=" + issue, 3);
        List<JsonObject> events = feed.json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(events).extracting(e -> e.getString("type")).containsExactly("issue.created", "issue.status_changed", "issue.comment_added");
        for (Request r : delivered) {
            assertThat(feed.body()).as("the exact signed body, as it is in the feed").contains(r.text());
            JsonObject event = events.stream().filter(e -> e.getString("id").equals(r.header("X-Event-Id"))).findFirst().orElseThrow();
            assertThat(event.getJsonObject("payload")).isEqualTo(r.json());
            assertThat(event.getString("issueId")).isEqualTo(issue);
        }
    }

    @Test
    void everyEventIsThereWithoutAWebhookAndAPollerMissesNone() {
        List<String> issues = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issues.add(f.issue());
        }
        awaitFeed(f.org.adminKey(), "", 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            Api.Reply page = feed(f.org.adminKey(), "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().getJsonArray("data").getValuesAs(JsonObject.class).forEach(e -> seen.add(e.getJsonObject("payload")
                    .getJsonObject("data").getJsonObject("issue").getString("id")));
            more = page.json().getBoolean("hasMore");
            cursor = page.json().getString("nextCursor");
        }
        assertThat(seen).as("oldest first, each once").containsExactlyElementsOf(issues);

        String later = f.issue();
        String last = cursor;
        Await.until(() -> feed(f.org.adminKey(), "?cursor=" + last).json().getJsonArray("data").size() == 1, WAIT, "the new event after the cursor");
        JsonObject page = feed(f.org.adminKey(), "?cursor=" + last).json();
        assertThat(page.getJsonArray("data").getJsonObject(0).getString("issueId")).isEqualTo(later);

        JsonObject created = page.getJsonArray("data").getJsonObject(0);
        Instant at = Instant.parse(created.getString("createdAt"));
        assertThat(feed(f.org.adminKey(), "?since=" + at + "&until=" + at.plusMillis(1)).json().getJsonArray("data"))
                .extracting(v -> v.asJsonObject().getString("id")).containsExactly(created.getString("id"));
        assertThat(feed(f.org.adminKey(), "?type=issue.updated,issue.comment_added").json().getJsonArray("data")).isEmpty();
        assertThat(feed(f.org.adminKey(), "?issueId=" + later + "&type=issue.created&type=issue.updated").json().getJsonArray("data")).hasSize(1);
    }

    @Test
    void aTeamKeyReadsItsTeamsEventsAndNoOrganisationReadsAnothers() {
        String team = f.tenants.team(f.org, "red");
        String teamKey = f.tenants.key(f.org, "member", team);
        String ours = f.issue(Json.createObjectBuilder().add("pluginId", "pii:direct").add("severity", "low").add("teamId", team));
        String theirs = f.issue();
        JsonObject hook = f.webhook(receiver.url("/test-only"));
        assertThat(f.api.post("/api/v1/webhooks/" + hook.getString("id") + "/test", f.org.adminKey(), Json.createObjectBuilder().build()).status()).isEqualTo(200);
        String after = f.issue(); // once this one is in the feed, so would the test event be
        awaitFeed(f.org.adminKey(), "", 3);

        assertThat(issueIds(feed(teamKey, ""))).containsExactly(ours);
        assertThat(issueIds(feed(f.org.adminKey(), ""))).as("no test event in the feed").containsExactly(ours, theirs, after);
        Tenants.Org other = f.tenants.organization();
        assertThat(feed(other.adminKey(), "").json().getJsonArray("data")).isEmpty();
        assertThat(feed(Api.BOOTSTRAP, "").status()).isEqualTo(403);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        for (String[] bad : new String[][] {{"?type=issue.deleted", "type"}, {"?since=yesterday", "since"},
                {"?cursor=nope", "cursor"}, {"?limit=0", "limit"}, {"?limit=1&limit=2", "limit"},
                {"?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "until"}, {"?issueId=" + "x".repeat(101), "issueId"}}) {
            Api.Reply r = feed(f.org.adminKey(), bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().getString("field")).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    Api.Reply feed(String key, String query) {
        return f.api.get("/api/v1/events" + query, key);
    }

    Api.Reply awaitFeed(String key, String query, int count) {
        Await.until(() -> feed(key, query).json().getJsonArray("data").size() >= count, WAIT, count + " events in the feed");
        return feed(key, query);
    }

    static List<String> issueIds(Api.Reply page) {
        Set<String> unique = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (JsonObject e : page.json().getJsonArray("data").getValuesAs(JsonObject.class)) {
            ids.add(e.getString("issueId"));
            unique.add(e.getString("id"));
        }
        assertThat(unique).hasSameSizeAs(ids);
        return ids;
    }
}
