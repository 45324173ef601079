package io.issuehooks.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** One organisation and the API calls delivery tests make on it: webhooks, issues, the delivery log. */
public final class Fixture {

    public final Api api;
    public final Tenants tenants;
    public final Tenants.Org org;
    private final ServerQueues queues;

    public Fixture(URL base) {
        api = new Api(base);
        tenants = new Tenants(api);
        org = tenants.organization();
        queues = new ServerQueues(base.getHost(), base.getPort());
    }

    /**
     * Until the server has no delivery left to attempt, now or later: after it, a receiver's requests are all it
     * will get, and a test can assert that something did not arrive without sleeping.
     */
    public void awaitSettled() {
        queues.awaitDeliveriesSettled(Duration.ofSeconds(60));
    }

    public static final String[] ALL_EVENTS = {"issue.created", "issue.updated", "issue.status_changed",
            "issue.severity_changed", "issue.comment_added"};

    /** A webhook (with its secret) for the given URL and events (all when none are given). */
    public JsonObject webhook(String url, String... events) {
        return teamWebhook(url, null, events);
    }

    /** A webhook of one team (null: of no team). */
    public JsonObject teamWebhook(String url, String teamId, String... events) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String e : events.length == 0 ? ALL_EVENTS : events) {
            list.add(e);
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("url", url).add("name", "hook").add("events", list);
        if (teamId != null) {
            body.add("teamId", teamId);
        }
        Api.Reply r = api.post("/api/v1/webhooks", org.adminKey(), body.build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    public JsonObject webhookState(String webhookId) {
        return api.get("/api/v1/webhooks/" + webhookId, org.adminKey()).json();
    }

    public String issue(JsonObjectBuilder body) {
        Api.Reply r = api.post("/api/v1/issues", org.adminKey(), body.build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("id");
    }

    public String issue() {
        return issue(Json.createObjectBuilder().add("pluginId", "prompt-injection").add("severity", "high"));
    }

    public JsonObject patchIssue(String id, JsonObject patch) {
        Api.Reply r = api.patch("/api/v1/issues/" + id, org.adminKey(), patch);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    public List<JsonObject> deliveries(String webhookId) {
        Api.Reply r = api.get("/api/v1/webhooks/" + webhookId + "/deliveries?limit=100", org.adminKey());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    public JsonObject delivery(String webhookId, String deliveryId) {
        Api.Reply r = api.get("/api/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId, org.adminKey());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the webhook has a delivery that satisfies the condition, and returns its detail. */
    public JsonObject awaitDelivery(String webhookId, Predicate<JsonObject> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonObject> last;
        do {
            last = deliveries(webhookId);
            for (JsonObject d : last) {
                if (condition.test(d)) {
                    return delivery(webhookId, d.getString("id"));
                }
            }
            Receiver.sleep(Duration.ofMillis(100));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("No delivery of webhook " + webhookId + " became as expected; deliveries: " + last);
    }

    public static Predicate<JsonObject> status(String status) {
        return d -> d.getString("status").equals(status);
    }
}
