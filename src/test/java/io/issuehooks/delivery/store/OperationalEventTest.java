package io.issuehooks.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.contract.JsonText;
import io.issuehooks.formats.DestinationFormat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payloads of the operational events, and how the destination formats render them. */
class OperationalEventTest {

    static final Instant AT = Instant.parse("2026-12-02T10:00:00.123Z");
    static final UUID WEBHOOK = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID DELIVERY = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
    static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000cc");

    @Test
    void aDisabledWebhookIsNamedByIdAndNameWithTheReasonAndNoUrl() {
        String payload = OperationalEvent.render(new OperationalEvent.Disabled(WEBHOOK, "The endpoint answered 410 Gone"), AT, "SIEM");
        assertThat(payload).isEqualTo("{\"event\":\"webhook.disabled\",\"timestamp\":\"2026-12-02T10:00:00.123Z\",\"data\":"
                + "{\"webhook\":{\"id\":\"00000000-0000-0000-0000-0000000000aa\",\"name\":\"SIEM\"},"
                + "\"reason\":\"The endpoint answered 410 Gone\"}}");
    }

    @Test
    void aFailingWebhookCarriesWhenItStartedAndTheAttemptThatFailed() {
        JsonObject data = data(OperationalEvent.render(new OperationalEvent.Failing(WEBHOOK, AT, DELIVERY, null, "connect timed out"), AT, "x"));
        assertThat(data.getString("failingSince")).isEqualTo("2026-12-02T10:00:00.123Z");
        assertThat(data.getJsonObject("lastAttempt").getString("deliveryId")).isEqualTo(DELIVERY.toString());
        assertThat(data.getJsonObject("lastAttempt").isNull("statusCode")).isTrue();
        assertThat(data.getJsonObject("lastAttempt").getString("error")).isEqualTo("connect timed out");
    }

    @Test
    void anExhaustedDeliveryNamesTheEventAndTheIssueItCarried() {
        OperationalEvent.Exhausted raised = OperationalEvent.Exhausted.of(WEBHOOK, DELIVERY, 3, 500, "HTTP 500");
        JsonObject delivery = data(OperationalEvent.render(raised.of(EVENT, "issue.created", "issue-7"), AT, "x")).getJsonObject("delivery");
        assertThat(delivery.keySet()).containsExactly("id", "eventId", "event", "issueId", "attemptCount", "lastStatusCode", "lastError");
        assertThat(delivery.getString("eventId")).isEqualTo(EVENT.toString());
        assertThat(delivery.getString("issueId")).isEqualTo("issue-7");
        assertThat(delivery.getInt("attemptCount")).isEqualTo(3);
        assertThat(delivery.getInt("lastStatusCode")).isEqualTo(500);
    }

    @Test
    void payloadsAreWhatJsonStringifyWritesSoTheContractsConsumerVerifiesThem() {
        String payload = OperationalEvent.render(new OperationalEvent.Disabled(WEBHOOK, "ünïcode \u2028 \"quoted\" </script>"), AT, "name\u0007");
        assertThat(JsonText.stringify(Json.createReader(new StringReader(payload)).readObject())).isEqualTo(payload);
    }

    @Test
    void slackMessagesOfOperationalEventsEscapeWhatAWebhookNameOrAnEndpointSays() {
        String payload = OperationalEvent.render(new OperationalEvent.Disabled(WEBHOOK, "HTTP 500 <!channel>"), AT, "<@U1> & co");
        JsonObject slack = Json.createReader(new StringReader(DestinationFormat.SLACK.render(payload, EVENT, null))).readObject();
        assertThat(slack.getString("text")).isEqualTo("Webhook disabled: Webhook &lt;@U1&gt; &amp; co (" + WEBHOOK + ") was disabled: "
                + "HTTP 500 &lt;!channel&gt;");
        assertThat(slack.getJsonArray("blocks").getJsonObject(0).getJsonObject("text").getString("text")).isEqualTo("Webhook disabled");

        String exhausted = OperationalEvent.render(OperationalEvent.Exhausted.of(WEBHOOK, DELIVERY, 3, 502, null)
                .of(EVENT, "issue.created", "i-1"), AT, "SIEM");
        assertThat(Json.createReader(new StringReader(DestinationFormat.SLACK.render(exhausted, EVENT, null))).readObject().getString("text"))
                .isEqualTo("Delivery failed for good: Webhook SIEM (" + WEBHOOK + ") did not receive issue.created about issue i-1 "
                        + "after 3 attempts: HTTP 502");
    }

    @Test
    void cloudEventsAndSplunkCarryOperationalEventsLikeIssueEvents() {
        String payload = OperationalEvent.render(new OperationalEvent.Failing(WEBHOOK, AT, DELIVERY, 503, "HTTP 503"), AT, "x");
        JsonObject cloudEvent = Json.createReader(new StringReader(DestinationFormat.CLOUDEVENTS.render(payload, EVENT, null))).readObject();
        assertThat(cloudEvent.getString("type")).isEqualTo("webhook.failing");
        assertThat(cloudEvent.getJsonObject("data")).isEqualTo(data(payload));
        JsonObject splunk = Json.createReader(new StringReader(DestinationFormat.SPLUNK_HEC.render(payload, EVENT, null))).readObject();
        assertThat(splunk.getJsonObject("event").getString("event")).isEqualTo("webhook.failing");
    }

    private static JsonObject data(String payload) {
        return Json.createReader(new StringReader(payload)).readObject().getJsonObject("data");
    }
}
