package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.TapReader.Tapped;
import io.issuehooks.testsupport.Tenants;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every event rule, shown by what the organisation's one webhook, which takes every event, received (DeliverySink,
 * in the order it arrived). Runs inside the server, so that it can also change issues the way other code in the
 * application does: through an EJB and the EntityManager. That a change sends no event is shown by a marker: a
 * comment added afterwards, whose event must be the next one about the issue (an issue's deliveries are made in
 * commit order).
 */
@ExtendWith(ArquillianExtension.class)
class IssueEventsIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive app() {
        return Deployments.applicationWith(IssueEventsIT.class, IssueEditor.class, DeliverySink.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    IssueEditor editor;

    Api api;
    Tenants.Org org;
    String adminId;

    @BeforeEach
    void setUp() {
        api = new Api(base);
        org = new Tenants(api).organization();
        adminId = api.get("/api/v1/service-accounts", org.adminKey()).json().getJsonArray("data").getJsonObject(0).getString("id");
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (String event : List.of("issue.created", "issue.updated", "issue.status_changed", "issue.severity_changed",
                "issue.comment_added")) {
            all.add(event);
        }
        Api.Reply hook = api.post("/api/v1/webhooks", org.adminKey(), Json.createObjectBuilder()
                .add("url", base + "it-sink").add("name", "sink").add("events", all).build());
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
    }

    /** That no event about the issue was sent before now: the next one is a marker comment's. */
    void assertNothingMore(String id) {
        String marker = "marker " + UUID.randomUUID();
        Api.Reply r = api.post("/api/v1/issues/" + id + "/comments", org.adminKey(), Json.createObjectBuilder().add("body", marker).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Tapped next = DeliverySink.received(id, 1, WAIT).get(0);
        assertThat(next.eventType()).as("the next event is the marker's: %s", next.body()).isEqualTo("issue.comment_added");
        assertThat(next.eventData().getJsonObject("comment").getString("body")).isEqualTo(marker);
    }

    String createIssue() {
        Api.Reply r = api.post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder()
                .add("pluginId", "prompt-injection").add("severity", "high").add("targetId", "target-1")
                .add("providerId", "openai:gpt-4o").add("weakness", "Prompt Injection").build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().getString("id");
        assertThat(DeliverySink.received(id, 1, WAIT).get(0).eventType()).isEqualTo("issue.created");
        return id;
    }

    Api.Reply patch(String id, JsonObject body) {
        Api.Reply r = api.patch("/api/v1/issues/" + id, org.adminKey(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    @Test
    void creatingAnIssueSendsOneCreatedEventWithTheCommittedIssue() {
        Api.Reply r = api.post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder()
                .add("pluginId", "pii:direct").add("severity", "critical").build());
        String id = r.json().getString("id");

        List<Tapped> events = DeliverySink.received(id, 1, WAIT);
        Tapped created = events.get(0);
        JsonObject payload = created.json();
        assertThat(payload.keySet()).containsExactly("event", "timestamp", "data");
        assertThat(payload.getString("event")).isEqualTo("issue.created");
        assertThat(payload.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(created.issue()).isEqualTo(r.json());
        assertThat(created.issue().getString("status")).isEqualTo("open");
        assertThat(created.issue().getJsonArray("history")).hasSize(1);
        assertThat(payload.getJsonObject("data").getString("userId")).isEqualTo(adminId);
        assertThat(created.issue().getString("organizationId")).isEqualTo(org.id());
        assertThat(created.eventId()).isNotBlank();
        assertNothingMore(id);
    }

    @Test
    void anIssueCreatedAndChangedInOneTransactionGivesOnlyCreatedWithTheFinalState() {
        UUID id = editor.createAndChange(UUID.fromString(org.id()), issue -> {
            issue.setStatus("fixed");
            issue.setSeverity("low");
        });

        Tapped created = DeliverySink.received(id.toString(), 1, WAIT).get(0);
        assertThat(created.eventType()).isEqualTo("issue.created");
        assertThat(created.issue().getString("status")).isEqualTo("fixed");
        assertThat(created.issue().getString("severity")).isEqualTo("low");
        assertThat(created.json().getJsonObject("data").containsKey("userId")).isFalse();
        assertNothingMore(id.toString());
    }

    @Test
    void aStatusChangeAloneIsStatusChangedWithThePreviousValue() {
        String id = createIssue();

        patch(id, Json.createObjectBuilder().add("status", "fixed").build());

        Tapped e = DeliverySink.received(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.status_changed");
        assertThat(e.json().getString("event")).isEqualTo("issue.status_changed");
        assertThat(e.eventData().getJsonArray("changes").getValuesAs(JsonString::getString)).containsExactly("status changed to fixed");
        assertThat(e.eventData().getString("previousStatus")).isEqualTo("open");
        assertThat(e.issue().getString("status")).isEqualTo("fixed");
        assertThat(e.issue().getJsonArray("history")).hasSize(2);
        assertThat(e.issue().getJsonArray("history").getJsonObject(1).getString("event")).isEqualTo("issue.status_changed");
        assertNothingMore(id);
    }

    @Test
    void aSeverityChangeAloneIsSeverityChangedWithThePreviousValue() {
        String id = createIssue();

        patch(id, Json.createObjectBuilder().add("severity", "low").build());

        Tapped e = DeliverySink.received(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.severity_changed");
        assertThat(e.eventData().getJsonArray("changes").getValuesAs(JsonString::getString)).containsExactly("severity changed to low");
        assertThat(e.eventData().getString("previousSeverity")).isEqualTo("high");
        assertNothingMore(id);
    }

    @Test
    void anyOtherSingleAttributeIsUpdated() {
        String id = createIssue();

        patch(id, Json.createObjectBuilder().add("weakness", "Indirect Prompt Injection").build());
        patch(id, Json.createObjectBuilder().addNull("targetId").build());

        List<Tapped> events = DeliverySink.received(id, 2, WAIT);
        assertThat(events).extracting(Tapped::eventType).containsExactly("issue.updated", "issue.updated");
        assertThat(events.get(0).eventData().getJsonArray("changes").getValuesAs(JsonString::getString))
                .containsExactly("weakness changed to Indirect Prompt Injection");
        assertThat(events.get(1).eventData().getJsonArray("changes").getValuesAs(JsonString::getString))
                .containsExactly("targetId cleared");
        assertThat(events.get(1).issue().isNull("targetId")).isTrue();
    }

    @Test
    void severalAttributesInOneTransactionAreOneUpdatedAndNeverTheSpecificEvents() {
        String id = createIssue();

        patch(id, Json.createObjectBuilder().add("status", "fixed").add("severity", "low").build());

        Tapped e = DeliverySink.received(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.updated");
        assertThat(e.eventData().getJsonArray("changes").getValuesAs(JsonString::getString))
                .containsExactly("status changed to fixed", "severity changed to low");
        assertNothingMore(id);
    }

    @Test
    void changesThroughTheEntityManagerAreCoalescedTheSameWay() {
        String id = createIssue();

        editor.change(UUID.fromString(id), issue -> issue.setSeverity("critical"));
        editor.change(UUID.fromString(id), issue -> {
            issue.setStatus("ignored");
            issue.setProviderId("anthropic:claude");
        });

        List<Tapped> events = DeliverySink.received(id, 2, WAIT);
        assertThat(events).extracting(Tapped::eventType).containsExactly("issue.severity_changed", "issue.updated");
        assertThat(events.get(0).json().getJsonObject("data").containsKey("userId")).as("no caller made it").isFalse();
        assertThat(events.get(1).eventData().getJsonArray("changes").getValuesAs(JsonString::getString))
                .containsExactly("status changed to ignored", "providerId changed to anthropic:claude");
        assertNothingMore(id);
    }

    @Test
    void aChangeToTheSameValueOrBackAgainSendsNothing() {
        String id = createIssue();

        patch(id, Json.createObjectBuilder().add("status", "open").add("severity", "high").build());
        editor.change(UUID.fromString(id), issue -> {
            issue.setStatus("fixed");
            issue.setStatus("open");
        });

        assertNothingMore(id);
        assertThat(api.get("/api/v1/issues/" + id, org.adminKey()).json().getJsonArray("history"))
                .as("created, then only the marker's comment").extracting(h -> h.asJsonObject().getString("event"))
                .containsExactly("issue.created", "issue.comment_added");
    }

    @Test
    void aRolledBackTransactionSendsNothingAndChangesNothing() {
        String id = createIssue();

        editor.changeThenRollBack(UUID.fromString(id), issue -> issue.setStatus("false_positive"));

        assertNothingMore(id);
        assertThat(api.get("/api/v1/issues/" + id, org.adminKey()).json().getString("status")).isEqualTo("open");
    }

    @Test
    void aCommentIsCommentAddedCarryingTheComment() {
        String id = createIssue();

        Api.Reply r = api.post("/api/v1/issues/" + id + "/comments", org.adminKey(),
                Json.createObjectBuilder().add("body", "Reproduced on staging \"twice\"\n\\o/").build());
        assertThat(r.status()).isEqualTo(201);

        Tapped e = DeliverySink.received(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.comment_added");
        JsonObject comment = e.eventData().getJsonObject("comment");
        assertThat(comment.getString("id")).isEqualTo(r.json().getString("id"));
        assertThat(comment.getString("body")).isEqualTo("Reproduced on staging \"twice\"\n\\o/");
        assertThat(comment.getString("authorId")).isEqualTo(adminId);
        assertThat(e.json().getJsonObject("data").getString("userId")).isEqualTo(adminId);
        assertNothingMore(id);
    }

    @Test
    void attributesAndACommentInOneTransactionSendBothEvents() {
        String id = createIssue();

        editor.changeAndComment(UUID.fromString(id), issue -> issue.setStatus("fixed"), "fixed in 1.2.3");

        List<Tapped> events = DeliverySink.received(id, 2, WAIT);
        assertThat(events).extracting(Tapped::eventType).containsExactly("issue.status_changed", "issue.comment_added");
        assertThat(events.get(1).eventData().getJsonObject("comment").getString("body")).isEqualTo("fixed in 1.2.3");
        assertThat(events.get(0).issue()).isEqualTo(events.get(1).issue());
        assertThat(events.get(1).issue().getJsonArray("history")).hasSize(3);
        assertNothingMore(id);
    }

    @Test
    void aCommentAddedThroughTheEntityManagerAloneIsCommentAdded() {
        String id = createIssue();

        editor.commentOnly(UUID.fromString(id), "seen by the scanner");

        assertThat(DeliverySink.received(id, 1, WAIT).get(0).eventType()).isEqualTo("issue.comment_added");
        assertNothingMore(id);
    }

    @Test
    void eachEventCarriesTheIssueAsThatChangeCommittedIt() {
        String id = createIssue();

        patch(id, Json.createObjectBuilder().add("severity", "medium").build());
        patch(id, Json.createObjectBuilder().add("severity", "low").build());

        List<Tapped> events = DeliverySink.received(id, 2, WAIT);
        assertThat(events.get(0).issue().getString("severity")).isEqualTo("medium");
        assertThat(events.get(0).issue().getJsonArray("history")).hasSize(2);
        assertThat(events.get(1).issue().getString("severity")).isEqualTo("low");
        assertThat(events.get(1).issue().getJsonArray("history")).hasSize(3);
        assertThat(events.get(1).issue().getString("updatedAt")).isEqualTo(events.get(1).json().getString("timestamp"));
    }

    @Test
    void concurrentWritersOnOneIssueLoseNoChange() throws Exception {
        String id = createIssue();
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String target = "writer-" + i; // none equals the issue's initial target-1
            results.add(pool.submit(() -> api.patch("/api/v1/issues/" + id, org.adminKey(),
                    Json.createObjectBuilder().add("targetId", target).build()).status()));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(200);
        }
        pool.shutdown();

        List<Tapped> events = DeliverySink.received(id, writers, WAIT);
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Tapped e = events.get(i);
            assertThat(e.eventType()).isEqualTo("issue.updated");
            assertThat(e.issue().getJsonArray("history")).as("event %d sees every earlier change", i).hasSize(i + 2);
            String target = e.issue().getString("targetId");
            assertThat(e.eventData().getJsonArray("changes").getString(0)).isEqualTo("targetId changed to " + target);
            targets.add(target);
        }
        assertThat(targets).doesNotHaveDuplicates().hasSize(writers);
        JsonObject last = api.get("/api/v1/issues/" + id, org.adminKey()).json();
        assertThat(last.getString("targetId")).isEqualTo(targets.get(writers - 1));
        assertThat(last.getJsonArray("history")).hasSize(writers + 1);
        assertNothingMore(id);
    }

    @Test
    void ifMatchLetsOnlyOneOfConcurrentConditionalWritersWin() throws Exception {
        String id = createIssue();
        String etag = api.get("/api/v1/issues/" + id, org.adminKey()).header("ETag");
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String weakness = "w" + i;
            results.add(pool.submit(() -> conditionalPatch(id, etag, weakness)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(Collections.frequency(statuses, 200)).isEqualTo(1);
        assertThat(Collections.frequency(statuses, 412)).isEqualTo(writers - 1);
        assertThat(DeliverySink.received(id, 1, WAIT).get(0).eventType()).isEqualTo("issue.updated");
        assertNothingMore(id);
    }

    private int conditionalPatch(String id, String etag, String weakness) {
        return api.raw("PATCH", "/api/v1/issues/" + id, org.adminKey(), "application/merge-patch+json",
                "{\"weakness\":\"" + weakness + "\"}", "If-Match", etag).status();
    }
}
