package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.NodeReceiver;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import io.issuehooks.testsupport.Receiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Operational events (webhook.failing, webhook.disabled, delivery.exhausted) as an operator receives them: signed
 * like issue events and verified by the public contract's own snippet, once per failure run, never sent to the
 * webhook they are about, and in the event feed. Against the test server's short schedule (three attempts 0 s, 1 s,
 * 2 s apart; webhooks disabled after 8 s of failures: see pom.xml).
 */
class OperationalEventsIT extends ReceiverTestBase {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final String[] OPERATIONAL = {"webhook.failing", "webhook.disabled", "delivery.exhausted"};

    @Test
    void anOperatorHearsOfAFailingWebhookItsExhaustedDeliveriesAndItsDisablingAndTheWebhookItselfNever() {
        try (NodeReceiver operator = NodeReceiver.start("not-yet")) {
            JsonObject operatorHook = f.webhook(operator.specEndpoint().toString(), OPERATIONAL);
            operator.rotateSecret(operatorHook.getString("secret"));
            String sick = f.webhook(receiver.url("/dead"), "issue.created", "webhook.failing", "webhook.disabled", "delivery.exhausted")
                    .getString("id");
            receiver.on("/dead", r -> Reply.status(500));

            Instant start = Instant.now();
            while (f.webhookState(sick).getBoolean("enabled")) {
                assertThat(Duration.between(start, Instant.now())).as("disabled after 8 s of failures").isLessThan(Duration.ofSeconds(30));
                f.issue();
                Receiver.sleep(Duration.ofSeconds(2));
            }

            JsonObject disabled = operator.awaitRequest(NodeReceiver.event("webhook.disabled"), WAIT);
            List<JsonObject> got = operator.received();
            assertThat(got).as("verified by the documented snippet, byte for byte").allSatisfy(r -> {
                assertThat(r.getInt("status")).as(r.toString()).isEqualTo(200);
                assertThat(r.getBoolean("reproduced")).isTrue();
            });
            JsonObject disabledData = data(disabled);
            assertThat(disabledData.getJsonObject("webhook").getString("id")).isEqualTo(sick);
            assertThat(disabledData.getString("reason")).isEqualTo(f.webhookState(sick).getString("disabledReason"));
            assertThat(got).filteredOn(r -> "webhook.disabled".equals(r.getString("event"))).hasSize(1);
            assertThat(got).filteredOn(r -> "webhook.failing".equals(r.getString("event"))).as("one failure run, one event")
                    .singleElement().satisfies(r -> {
                        assertThat(data(r).getJsonObject("webhook").getString("id")).isEqualTo(sick);
                        assertThat(data(r).getJsonObject("lastAttempt").getInt("statusCode")).isEqualTo(500);
                    });
            JsonObject exhausted = data(operator.awaitRequest(NodeReceiver.event("delivery.exhausted"), WAIT)).getJsonObject("delivery");
            assertThat(exhausted.getInt("attemptCount")).isEqualTo(3);
            assertThat(exhausted.getString("event")).isEqualTo("issue.created");
            JsonObject failedDelivery = f.delivery(sick, exhausted.getString("id"));
            assertThat(failedDelivery.getString("status")).isEqualTo("failed");
            assertThat(failedDelivery.getString("eventId")).isEqualTo(exhausted.getString("eventId"));

            assertThat(receiver.requests("/dead")).as("the sick webhook is never told about itself")
                    .extracting(r -> r.json().getString("event")).containsOnly("issue.created");

            // The same events are in the feed, with the bytes that were signed.
            List<JsonObject> feed = Await.value(() -> feed("?type=webhook.disabled"), list -> !list.isEmpty(), WAIT, "the feed lists it");
            assertThat(feed).singleElement().satisfies(e -> assertThat(e.getJsonObject("payload").toString())
                    .isEqualTo(disabled.getString("rawBody")));
        }
    }

    @Test
    void aGoneEndpointIsDisabledAtOnceAndItsDeliveryExhaustedWithoutAFailingEvent() {
        f.webhook(receiver.url("/operator"), OPERATIONAL);
        String gone = f.webhook(receiver.url("/gone"), "issue.created").getString("id");
        receiver.on("/gone", r -> Reply.status(410));

        f.issue();

        List<Request> told = receiver.await("/operator", 2, WAIT);
        assertThat(told).extracting(r -> r.json().getString("event")).containsExactlyInAnyOrder("webhook.disabled", "delivery.exhausted");
        assertThat(told).allSatisfy(r -> {
            assertThat(r.header("webhook-signature")).startsWith("v1,");
            assertThat(r.header("X-Promptfoo-Signature")).isNotBlank();
            assertThat(r.json().getJsonObject("data").getJsonObject("webhook").getString("id")).isEqualTo(gone);
            assertThat(r.json().getJsonObject("data").getJsonObject("webhook").containsKey("url")).as("a URL can be a credential").isFalse();
        });
        JsonObject exhausted = told.stream().filter(r -> r.json().getString("event").equals("delivery.exhausted")).findFirst().orElseThrow()
                .json().getJsonObject("data").getJsonObject("delivery");
        assertThat(exhausted.getInt("attemptCount")).isEqualTo(1);
        assertThat(exhausted.getInt("lastStatusCode")).isEqualTo(410);
        f.awaitSettled();
        assertThat(receiver.requests("/operator")).as("each told once").hasSize(2);
    }

    @Test
    void theDeliveryOfAnOperationalEventRaisesNoDeliveryExhaustedSoTwoBrokenOperatorsCannotPingPong() {
        String a = f.webhook(receiver.url("/a"), "issue.created", "delivery.exhausted").getString("id");
        String b = f.webhook(receiver.url("/b"), "delivery.exhausted").getString("id");
        receiver.on("/a", r -> Reply.status(500));
        receiver.on("/b", r -> Reply.status(500));

        f.issue();

        // a's delivery of the issue event is exhausted: b is told, and fails all three attempts as well.
        JsonObject told = f.awaitDelivery(b, Fixture.status("failed"), WAIT);
        assertThat(told.getString("event")).isEqualTo("delivery.exhausted");
        // A marker committed after b's last outcome: once the feed shows it, it shows every event before it.
        String marker = f.issue();
        List<JsonObject> events = Await.value(() -> feed(""), list -> list.stream().anyMatch(e -> marker.equals(issueId(e))), WAIT,
                "the feed reached the marker");
        assertThat(events).filteredOn(e -> e.getString("type").equals("delivery.exhausted")).as("only a's, none about b's delivery")
                .singleElement().satisfies(e -> assertThat(e.getJsonObject("payload").getJsonObject("data").getJsonObject("webhook")
                        .getString("id")).isEqualTo(a));
        assertThat(receiver.requests("/a")).extracting(r -> r.json().getString("event")).containsOnly("issue.created");
    }

    @Test
    void eventTypesListTheOperationalEventsAsAGroupOfTheirOwnAndWebhooksSubscribeToThemByName() {
        List<JsonObject> types = f.api.get("/api/v1/webhooks/event-types", f.org.adminKey()).json().getJsonArray("data")
                .getValuesAs(JsonObject.class);
        assertThat(types).extracting(t -> t.getString("name") + " " + t.getString("group")).containsExactly(
                "issue.created issue", "issue.updated issue", "issue.status_changed issue", "issue.severity_changed issue",
                "issue.comment_added issue", "webhook.failing operational", "webhook.disabled operational",
                "delivery.exhausted operational");
        assertThat(f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder().add("name", "x")
                .add("url", receiver.url("/x")).add("events", Json.createArrayBuilder().add("webhook.deleted")).build()).status())
                .isEqualTo(400);
    }

    private List<JsonObject> feed(String query) {
        return f.api.get("/api/v1/events" + query, f.org.adminKey()).json().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    private static String issueId(JsonObject feedEvent) {
        return feedEvent.isNull("issueId") ? null : feedEvent.getString("issueId");
    }

    private static JsonObject data(JsonObject nodeRequest) {
        return Json.createReader(new java.io.StringReader(nodeRequest.getString("rawBody"))).readObject().getJsonObject("data");
    }
}
