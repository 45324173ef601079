package io.issuehooks.formats;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A Splunk HTTP Event Collector event ({@code /services/collector/event}): the payload's timestamp as epoch
 * seconds with milliseconds, fixed host, source and sourcetype, and the whole Promptfoo payload as the event.
 * Splunk authenticates it by the {@code Authorization: Splunk <token>} header, one of the webhook's headers.
 */
final class SplunkHecEvent {

    static final String SOURCETYPE = "issuehooks:webhook";

    private SplunkHecEvent() {
    }

    static String render(String payload) {
        JsonObject envelope = Payloads.parse(payload);
        Instant time = Payloads.timestamp(envelope);
        return JSON.createObjectBuilder()
                .add("time", BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3))
                .add("host", "issuehooks")
                .add("source", "issuehooks")
                .add("sourcetype", SOURCETYPE)
                .add("event", envelope)
                .build().toString();
    }
}
