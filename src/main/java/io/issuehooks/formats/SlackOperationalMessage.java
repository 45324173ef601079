package io.issuehooks.formats;


import static io.issuehooks.contract.JsonSupport.JSON;
import static io.issuehooks.formats.SlackMessage.cut;
import static io.issuehooks.formats.SlackMessage.escape;
import static io.issuehooks.formats.SlackMessage.mrkdwn;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * The Slack message of an operational event (a webhook failing or disabled, a delivery exhausted): a header, one
 * sentence naming the webhook and what happened, and the event's type and time. Every text taken from the payload
 * (the webhook's name, a reason, an endpoint's error) is escaped and cut as in {@link SlackMessage}.
 */
final class SlackOperationalMessage {

    private SlackOperationalMessage() {
    }

    static String render(JsonObject envelope) {
        String event = envelope.getString("event");
        JsonObject data = envelope.getJsonObject("data");
        JsonObject webhook = data.getJsonObject("webhook");
        String name = "Webhook " + escape(Payloads.text(webhook, "name")) + " (" + escape(Payloads.text(webhook, "id")) + ")";
        String title;
        String summary;
        switch (event) {
            case "webhook.failing" -> {
                title = "Webhook failing";
                summary = name + " failed a delivery after its last success: " + describe(data.getJsonObject("lastAttempt"), "statusCode", "error");
            }
            case "webhook.disabled" -> {
                title = "Webhook disabled";
                summary = name + " was disabled: " + escape(Payloads.text(data, "reason"));
            }
            default -> {
                JsonObject delivery = data.getJsonObject("delivery");
                title = "Delivery failed for good";
                summary = name + " did not receive " + escape(Payloads.text(delivery, "event")) + " about issue "
                        + escape(Payloads.text(delivery, "issueId")) + " after " + delivery.getInt("attemptCount")
                        + " attempts: " + describe(delivery, "lastStatusCode", "lastError");
            }
        }
        JsonArrayBuilder blocks = JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("type", "header").add("text", JSON.createObjectBuilder()
                        .add("type", "plain_text").add("text", title).add("emoji", false)))
                .add(JSON.createObjectBuilder().add("type", "section").add("text", mrkdwn(cut(summary, SlackMessage.SECTION_MAX))))
                .add(JSON.createObjectBuilder().add("type", "context").add("elements", JSON.createArrayBuilder()
                        .add(mrkdwn(cut(escape(event) + " · " + escape(envelope.getString("timestamp")), SlackMessage.FIELD_MAX)))));
        return JSON.createObjectBuilder().add("text", cut(title + ": " + summary, SlackMessage.SECTION_MAX)).add("blocks", blocks)
                .build().toString();
    }

    /** "HTTP 500 (HTTP 500)" reads badly: the error alone if there is one, else the status. */
    private static String describe(JsonObject attempt, String status, String error) {
        String text = Payloads.text(attempt, error);
        if (text != null) {
            return escape(text);
        }
        return attempt.get(status) instanceof JsonNumber n ? "HTTP " + n.intValue() : "no answer";
    }
}
