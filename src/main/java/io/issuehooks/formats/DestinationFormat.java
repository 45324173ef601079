package io.issuehooks.formats;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** What a webhook's destination expects; {@link #PROMPTFOO} (the public contract's envelope) by default. */
public enum DestinationFormat {

    PROMPTFOO("promptfoo", "application/json"),
    SLACK("slack", "application/json"),
    SPLUNK_HEC("splunk-hec", "application/json"),
    CLOUDEVENTS("cloudevents", "application/cloudevents+json");

    private final String wireName;
    private final String contentType;

    DestinationFormat(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    public String wireName() {
        return wireName;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<DestinationFormat> of(String wireName) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wireName)).findFirst();
    }

    /** The stored value (null: the default) as a format. */
    public static DestinationFormat stored(String wireName) {
        return wireName == null ? PROMPTFOO : of(wireName).orElse(PROMPTFOO);
    }

    /**
     * The body for this destination, from the event's exact Promptfoo payload and its stable id; {@code consoleUrl}
     * (the console's public address, or null) lets a Slack message link to the issue.
     */
    public String render(String payload, UUID eventId, String consoleUrl) {
        return switch (this) {
            case PROMPTFOO -> payload;
            case SLACK -> SlackMessage.render(payload, consoleUrl);
            case SPLUNK_HEC -> SplunkHecEvent.render(payload);
            case CLOUDEVENTS -> CloudEvent.render(payload, eventId);
        };
    }
}
