package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The destination formats, delivered for real and read by what reads them: CloudEvents by the CloudEvents Java SDK
 * (which refuses an event that breaks the specification), a Splunk HTTP Event Collector stand-in that checks the
 * documented request, and Slack's Block Kit limits; each delivery signed the Standard Webhooks way.
 */
class FormatsIT extends ReceiverTestBase {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String HOSTILE = "<!channel> <https://evil.example|click> & <script>x</script>";

    @Test
    void cloudEventsParseWithTheSdkAndCarryTheStableEventId() throws Exception {
        JsonObject hook = create("/ce", "cloudevents", null);
        String issue = f.issue(Json.createObjectBuilder().add("pluginId", "harmful:hate").add("severity", "high"));

        Request r = receiver.await("/ce", 1, WAIT).get(0);
        assertThat(r.header("Content-Type")).isEqualTo("application/cloudevents+json");
        assertThat(r.header("X-Promptfoo-Signature")).as("the Promptfoo signature belongs to the Promptfoo format").isNull();
        assertSigned(r, hook.getString("secret"));
        CloudEvent event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(r.body());
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getType()).isEqualTo("issue.created");
        assertThat(event.getSource().toString()).isEqualTo("/issuehooks");
        assertThat(event.getTime()).isNotNull();
        JsonObject data = Json.createReader(new StringReader(new String(event.getData().toBytes(), StandardCharsets.UTF_8))).readObject();
        assertThat(data.getJsonObject("issue").getString("id")).isEqualTo(issue);
        JsonObject delivery = f.deliveries(hook.getString("id")).get(0);
        assertThat(event.getId()).as("the event's id, the same for every webhook and retry").isEqualTo(delivery.getString("eventId"));
        assertThat(r.header("X-Event-Id")).isEqualTo(delivery.getString("eventId"));
    }

    @Test
    void splunkHecEventsCarryTheTokenAndTheWholePayload() throws Exception {
        receiver.on("/services/collector/event", req -> {
            JsonObject body = req.json();
            boolean ok = "Splunk 11111111-2222-3333-4444-555555555555".equals(req.header("Authorization"))
                    && body.keySet().equals(java.util.Set.of("time", "host", "source", "sourcetype", "event"))
                    && body.get("time").getValueType() == JsonValue.ValueType.NUMBER
                    && body.getJsonObject("event").containsKey("data");
            return ok ? Reply.status(200).body("{\"text\":\"Success\",\"code\":0}") : Reply.status(400).body("{\"text\":\"Invalid data format\",\"code\":6}");
        });
        JsonObject hook = create("/services/collector/event", "splunk-hec",
                Json.createObjectBuilder().add("Authorization", "Splunk 11111111-2222-3333-4444-555555555555").build());
        f.issue();

        Request r = receiver.await("/services/collector/event", 1, WAIT).get(0);
        assertSigned(r, hook.getString("secret"));
        assertThat(r.json().getJsonObject("event").getString("event")).isEqualTo("issue.created");
        assertThat(f.awaitDelivery(hook.getString("id"), io.issuehooks.testsupport.Fixture.status("succeeded"), WAIT)
                .getInt("attemptCount")).as("the stand-in accepted it").isEqualTo(1);

        Api.Reply noToken = f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder().add("url", receiver.url("/x"))
                .add("name", "x").add("events", Json.createArrayBuilder().add("issue.created")).add("format", "splunk-hec").build());
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.json().getString("detail")).startsWith("headers.Authorization:");
    }

    @Test
    void slackMessagesStayWithinBlockKitLimitsAndEscapeHostileText() throws Exception {
        JsonObject hook = create("/slack", "slack", null);
        String issueId = f.issue(Json.createObjectBuilder().add("pluginId", HOSTILE).add("severity", "critical").add("weakness", "w".repeat(1000)));

        Request r = receiver.await("/slack", 1, WAIT).get(0);
        assertSigned(r, hook.getString("secret"));
        JsonObject message = r.json();
        String text = message.getString("text");
        assertThat(text).contains("&lt;!channel&gt;").contains("&amp;").doesNotContain("<!channel>").doesNotContain("<https://");
        assertThat(text.length()).isLessThanOrEqualTo(40_000);
        var blocks = message.getJsonArray("blocks").getValuesAs(JsonObject.class);
        assertThat(blocks.size()).isBetween(1, 50);
        for (JsonObject block : blocks) {
            switch (block.getString("type")) {
                case "header" -> assertThat(block.getJsonObject("text").getString("text").length()).isLessThanOrEqualTo(150);
                case "section" -> {
                    assertThat(block.getJsonObject("text").getString("text").length()).isLessThanOrEqualTo(3000);
                    if (block.containsKey("fields")) {
                        var fields = block.getJsonArray("fields").getValuesAs(JsonObject.class);
                        assertThat(fields.size()).isLessThanOrEqualTo(10);
                        fields.forEach(fl -> assertThat(fl.getString("text").length()).isLessThanOrEqualTo(2000));
                    }
                }
                case "context" -> assertThat(block.getJsonArray("elements").size()).isLessThanOrEqualTo(10);
                default -> throw new AssertionError("unexpected block " + block);
            }
            assertThat(block.toString()).doesNotContain("<!channel>").doesNotContain("<script>");
        }
        assertThat(message.toString()).contains("critical");
        JsonObject context = blocks.get(blocks.size() - 1);
        assertThat(context.getJsonArray("elements").getJsonObject(1).getString("text"))
                .as("a link to the issue in the console, ISSUEHOOKS_CONSOLE_URL being set")
                .isEqualTo("<http://127.0.0.1:8080/ui/#/issues/" + issueId + "|Open in Issuehooks>");
    }

    private JsonObject create(String path, String format, JsonObject headers) {
        var body = Json.createObjectBuilder().add("url", receiver.url(path)).add("name", format)
                .add("events", Json.createArrayBuilder().add("issue.created")).add("format", format);
        if (headers != null) {
            body.add("headers", headers);
        }
        Api.Reply r = f.api.post("/api/v1/webhooks", f.org.adminKey(), body.build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().getString("format")).isEqualTo(format);
        return r.json();
    }

    private static void assertSigned(Request r, String secret) throws Exception {
        String expected = "v1," + DeliveryIT.standard(secret, r.header("webhook-id"), Long.parseLong(r.header("webhook-timestamp")), r.body());
        assertThat(r.header("webhook-signature")).isEqualTo(expected);
    }
}
