package io.issuehooks.formats;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Slack incoming-webhook message: {@code text} (the notification's fallback) and Block Kit {@code blocks} (a
 * header, the issue's fields, what changed). Text from the issue is escaped for Slack's mrkdwn ({@code &},
 * {@code <}, {@code >}), so a finding cannot mention {@code @channel}, link anywhere or format the message; it is
 * cut to Slack's limits (header 150 characters, a section's text 3,000, a field 2,000). With the console's
 * address configured ({@code ISSUEHOOKS_CONSOLE_URL}) the last line links to the issue's page there.
 */
final class SlackMessage {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;

    private SlackMessage() {
    }

    static String render(String payload, String consoleUrl) {
        JsonObject envelope = Payloads.parse(payload);
        String event = envelope.getString("event");
        JsonObject data = envelope.getJsonObject("data");
        if (!(data.get("issue") instanceof JsonObject issue)) {
            return SlackOperationalMessage.render(envelope); // webhook.failing, webhook.disabled, delivery.exhausted
        }
        String summary = summary(event, issue);

        JsonArrayBuilder fields = JSON.createArrayBuilder();
        for (String[] f : List.of(new String[] {"Severity", "severity"}, new String[] {"Status", "status"},
                new String[] {"Plugin", "pluginId"}, new String[] {"Weakness", "weakness"}, new String[] {"Target", "targetId"},
                new String[] {"Provider", "providerId"})) {
            String value = Payloads.text(issue, f[1]);
            if (value != null) {
                fields.add(mrkdwn(cut("*" + f[0] + "*\n" + escape(value), FIELD_MAX)));
            }
        }
        JsonArrayBuilder blocks = JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("type", "header").add("text", JSON.createObjectBuilder()
                        .add("type", "plain_text").add("text", cut(title(event), HEADER_MAX)).add("emoji", false)))
                .add(JSON.createObjectBuilder().add("type", "section").add("text", mrkdwn(cut(escape(summary), SECTION_MAX)))
                        .add("fields", fields));
        List<String> changes = changes(data);
        if (!changes.isEmpty()) {
            StringBuilder text = new StringBuilder("*Changes*");
            changes.forEach(c -> text.append("\n• ").append(escape(c)));
            blocks.add(JSON.createObjectBuilder().add("type", "section").add("text", mrkdwn(cut(text.toString(), SECTION_MAX))));
        }
        JsonArrayBuilder context = JSON.createArrayBuilder().add(mrkdwn(cut("Issue " + escape(Payloads.text(issue, "id"))
                + " · " + escape(event) + " · " + escape(envelope.getString("timestamp")), FIELD_MAX)));
        if (consoleUrl != null && Payloads.text(issue, "id") != null) {
            context.add(mrkdwn(link(consoleUrl, Payloads.text(issue, "id"))));
        }
        blocks.add(JSON.createObjectBuilder().add("type", "context").add("elements", context));
        return JSON.createObjectBuilder().add("text", cut(escape(summary), SECTION_MAX)).add("blocks", blocks).build().toString();
    }

    private static String title(String event) {
        return switch (event) {
            case "issue.created" -> "New issue";
            case "issue.status_changed" -> "Issue status changed";
            case "issue.severity_changed" -> "Issue severity changed";
            case "issue.comment_added" -> "Comment on an issue";
            default -> "Issue updated";
        };
    }

    private static String summary(String event, JsonObject issue) {
        String what = String.valueOf(Payloads.text(issue, "severity")) + " issue " + String.valueOf(Payloads.text(issue, "pluginId"));
        return title(event) + ": " + what + " (" + Payloads.text(issue, "status") + ")";
    }

    private static List<String> changes(JsonObject data) {
        List<String> result = new ArrayList<>();
        if (data.get("eventData") instanceof JsonObject eventData && eventData.get("changes") instanceof JsonArray changes) {
            for (JsonValue c : changes) {
                if (c instanceof JsonString s) {
                    result.add(s.getString());
                }
            }
        }
        return result;
    }

    /**
     * A mrkdwn link to the issue's page in the console. The id is percent-encoded (it comes from the payload, and a
     * client-jar issue's id is any text), so it can neither end the link ({@code >}) nor change its label ({@code |}).
     */
    static String link(String consoleUrl, String issueId) {
        return "<" + escape(consoleUrl + "/ui/#/issues/" + URLEncoder.encode(issueId, StandardCharsets.UTF_8)) + "|Open in Issuehooks>";
    }

    static JsonObject mrkdwn(String text) {
        return JSON.createObjectBuilder().add("type", "mrkdwn").add("text", text).build();
    }

    /** Slack's escaping for mrkdwn: the three characters that make links, mentions and entities. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** At most {@code max} characters (code points), an ellipsis marking a cut, never inside an escape. */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, max - 1));
        int amp = cut.lastIndexOf('&');
        if (amp >= 0 && cut.indexOf(';', amp) < 0) {
            cut = cut.substring(0, amp);
        }
        return cut + "…";
    }
}
