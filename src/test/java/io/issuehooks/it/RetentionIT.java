package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.RetentionJob;
import io.issuehooks.platform.Times;
import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Tenants;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hourly retention job's work, run now in the server with a cutoff of the test's own. */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    @Deployment
    static WebArchive app() {
        return Deployments.applicationWith(RetentionIT.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    RetentionJob retention;

    @Test
    void finishedDeliveriesCreatedBeforeTheCutoffAreRemovedWithTheirEventsAndLaterOnesKept() throws Exception {
        Api api = new Api(base);
        Tenants.Org org = new Tenants(api).organization();
        // POST to the health endpoint answers 405: a delivery that fails, three attempts a second or so apart.
        String hook = api.post("/api/v1/webhooks", org.adminKey(), Json.createObjectBuilder()
                .add("url", base + "api/health").add("name", "to-purge")
                .add("events", Json.createArrayBuilder().add("issue.created")).build()).json().getString("id");
        String deliveries = "/api/v1/webhooks/" + hook + "/deliveries";
        createIssue(api, org);
        JsonObject old = awaitFailed(api, org, deliveries, 1).get(0);

        // The cutoff is the test's own: no setting changes, so nothing leaks to the server's other runs and tests.
        // Times.now() is how created_at is stamped (same clock, milliseconds): whatever is created after this
        // instant has a created_at at or after it, and "created before" is strict.
        Instant cutoff = Times.now();
        createIssue(api, org);
        JsonObject kept = awaitFailed(api, org, deliveries, 2).stream()
                .filter(d -> !d.getString("id").equals(old.getString("id"))).findFirst().orElseThrow();

        retention.purgeBefore(cutoff);

        assertThat(api.get(deliveries, org.adminKey()).json().getJsonArray("data")).extracting(d -> d.asJsonObject().getString("id"))
                .as("finished too, but created after the cutoff").containsExactly(kept.getString("id"));
        assertThat(api.get(deliveries + "/" + old.getString("id"), org.adminKey()).status()).isEqualTo(404);
        assertThat(api.get(deliveries + "/" + kept.getString("id"), org.adminKey()).status()).isEqualTo(200);

        // The events: the feed shows an event only five seconds after its commit, so wait until the kept one is
        // there; the removed one, older, would be listed before it.
        List<String> issueEvents = awaitFeed(api, org, kept.getString("eventId"));
        assertThat(issueEvents).as("the event of the removed delivery went with it").containsExactly(kept.getString("eventId"));
    }

    /** The ids of the organisation's issue.created events in the feed, once {@code eventId} is among them. */
    private static List<String> awaitFeed(Api api, Tenants.Org org, String eventId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<String> ids = api.get("/api/v1/events?type=issue.created", org.adminKey()).json().getJsonArray("data")
                    .getValuesAs(JsonObject.class).stream().map(e -> e.getString("id")).toList();
            if (ids.contains(eventId)) {
                return ids;
            }
            assertThat(System.currentTimeMillis()).as("event %s in the feed within 30 s", eventId).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void createIssue(Api api, Tenants.Org org) {
        assertThat(api.post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder().add("pluginId", "p").add("severity", "low")
                .build()).status()).isEqualTo(201);
    }

    /** The webhook's deliveries once {@code count} of them have failed (each after its three attempts). */
    private static List<JsonObject> awaitFailed(Api api, Tenants.Org org, String deliveries, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<JsonObject> failed = api.get(deliveries + "?status=failed", org.adminKey()).json().getJsonArray("data")
                    .getValuesAs(JsonObject.class);
            if (failed.size() >= count) {
                return failed;
            }
            assertThat(System.currentTimeMillis()).as("%d failed deliveries within 30 s", count).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
