package io.issuehooks.contract;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which event one transaction's change of an issue's attributes makes, as the public documentation specifies:
 * a new issue is {@code issue.created} (with its final state, whatever else changed); exactly one changed
 * attribute is {@code issue.status_changed}, {@code issue.severity_changed} or else {@code issue.updated}; two or
 * more are one {@code issue.updated}. The state at the start of the transaction is compared with the state at
 * its end, so setting a value and setting it back changes nothing.
 */
public final class IssueEventRules {

    /** The attributes that make events, in the order the {@code changes} list names them. */
    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("status", IssueSnapshot::status),
            new Attribute("severity", IssueSnapshot::severity),
            new Attribute("pluginId", IssueSnapshot::pluginId),
            new Attribute("teamId", IssueSnapshot::teamId),
            new Attribute("targetId", IssueSnapshot::targetId),
            new Attribute("providerId", IssueSnapshot::providerId),
            new Attribute("weakness", IssueSnapshot::weakness));

    private record Attribute(String name, Function<IssueSnapshot, String> value) {
    }

    /** An event type with what it says about the change: the {@code changes} sentences and the event data. */
    public record Change(IssueEventType type, List<String> changes, JsonObject eventData) {
    }

    private IssueEventRules() {
    }

    /** The attribute event for a transaction that began at {@code before} (null: created) and ended at {@code after}. */
    public static Optional<Change> attributeChange(IssueSnapshot before, IssueSnapshot after) {
        if (before == null) {
            return Optional.of(new Change(IssueEventType.CREATED, List.of(), JSON.createObjectBuilder().build()));
        }
        List<Attribute> changed = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (Attribute a : ATTRIBUTES) {
            String now = a.value().apply(after);
            if (!Objects.equals(a.value().apply(before), now)) {
                changed.add(a);
                sentences.add(now == null ? a.name() + " cleared" : a.name() + " changed to " + now);
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        sentences.forEach(list::add);
        JsonObjectBuilder data = JSON.createObjectBuilder().add("changes", list);
        IssueEventType type = IssueEventType.UPDATED;
        if (changed.size() == 1 && changed.get(0).name().equals("status")) {
            type = IssueEventType.STATUS_CHANGED;
            data.add("previousStatus", before.status());
        } else if (changed.size() == 1 && changed.get(0).name().equals("severity")) {
            type = IssueEventType.SEVERITY_CHANGED;
            data.add("previousSeverity", before.severity());
        }
        return Optional.of(new Change(type, List.copyOf(sentences), data.build()));
    }

    /** The event for a comment added in the transaction. */
    public static Change commentAdded(CommentSnapshot comment) {
        JsonObjectBuilder c = JSON.createObjectBuilder().add("id", comment.id()).add("body", comment.body());
        JsonSupport.nullable(c, "authorId", comment.authorId()).add("createdAt", IssuePayload.time(comment.createdAt()));
        return new Change(IssueEventType.COMMENT_ADDED, List.of("comment added"),
                JSON.createObjectBuilder().add("comment", c).build());
    }
}
