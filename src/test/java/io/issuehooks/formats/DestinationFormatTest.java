package io.issuehooks.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DestinationFormatTest {

    static final String PAYLOAD = "{\"event\":\"issue.updated\",\"timestamp\":\"2026-01-31T12:00:00.123Z\",\"data\":{\"issue\":{\"id\":\"i-1\","
            + "\"pluginId\":\"harmful:<b>&\",\"status\":\"open\",\"severity\":\"high\"},\"eventData\":{\"changes\":[\"severity changed to high\"]},"
            + "\"userId\":\"u\"}}";

    @Test
    void promptfooIsThePayloadItself() {
        assertThat(DestinationFormat.PROMPTFOO.render(PAYLOAD, UUID.randomUUID(), null)).isSameAs(PAYLOAD);
        assertThat(DestinationFormat.stored(null)).isEqualTo(DestinationFormat.PROMPTFOO);
    }

    @Test
    void renderingIsAFunctionOfThePayloadSoRetriesSendTheSameBytes() {
        UUID id = UUID.randomUUID();
        for (DestinationFormat f : DestinationFormat.values()) {
            assertThat(f.render(PAYLOAD, id, null)).as(f.wireName()).isEqualTo(f.render(PAYLOAD, id, null));
        }
    }

    @Test
    void cloudEventsAreValidForTheSdk() {
        UUID id = UUID.randomUUID();
        byte[] bytes = DestinationFormat.CLOUDEVENTS.render(PAYLOAD, id, null).getBytes(StandardCharsets.UTF_8);
        CloudEvent event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(bytes);
        assertThat(event.getId()).isEqualTo(id.toString());
        assertThat(event.getType()).isEqualTo("issue.updated");
        assertThat(event.getTime().toInstant().toString()).isEqualTo("2026-01-31T12:00:00.123Z");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
    }

    @Test
    void splunkEventsHaveTheCollectorsShape() {
        JsonObject e = Json.createReader(new StringReader(DestinationFormat.SPLUNK_HEC.render(PAYLOAD, UUID.randomUUID(), null))).readObject();
        assertThat(e.keySet()).containsExactly("time", "host", "source", "sourcetype", "event");
        assertThat(e.getJsonNumber("time").toString()).isEqualTo("1769860800.123");
        assertThat(e.getJsonObject("event")).isEqualTo(Json.createReader(new StringReader(PAYLOAD)).readObject());
    }

    @Test
    void slackTextIsEscapedAndCutNeverInsideAnEscape() {
        String slack = DestinationFormat.SLACK.render(PAYLOAD, UUID.randomUUID(), null);
        assertThat(slack).contains("harmful:&lt;b&gt;&amp;").doesNotContain("<b>").contains("severity changed to high");
        assertThat(SlackMessage.escape("<!here> & <@U1>")).isEqualTo("&lt;!here&gt; &amp; &lt;@U1&gt;");
        assertThat(SlackMessage.cut("abc&amp;", 6)).isEqualTo("abc…");
        assertThat(SlackMessage.cut("a".repeat(10), 10)).isEqualTo("a".repeat(10));
        assertThat(SlackMessage.cut("\uD83D\uDE00".repeat(5), 3)).isEqualTo("\uD83D\uDE00\uD83D\uDE00…");
    }

    @Test
    void slackLinksToTheIssueInTheConsoleOnlyWhenItsAddressIsKnown() {
        assertThat(DestinationFormat.SLACK.render(PAYLOAD, UUID.randomUUID(), null)).doesNotContain("/ui/#/issues/");
        assertThat(DestinationFormat.SLACK.render(PAYLOAD, UUID.randomUUID(), "https://ih.example.com/base"))
                .contains("<https://ih.example.com/base/ui/#/issues/");
        // An id that tries to end the link, relabel it or mention the channel stays inside the link, encoded.
        assertThat(SlackMessage.link("https://ih.example.com?a=1&b=2", "x>|<!channel>"))
                .isEqualTo("<https://ih.example.com?a=1&amp;b=2/ui/#/issues/x%3E%7C%3C%21channel%3E|Open in Issuehooks>");
    }
}
