package io.issuehooks.webhooks;

import io.issuehooks.contract.IssueEventType;
import java.util.ArrayList;
import java.util.List;

/** Every event type a webhook can subscribe to: the issue events of the public contract, then the operational ones. */
public final class EventTypes {

    /** The group of the issue events in {@code GET /webhooks/event-types}. */
    public static final String ISSUE_GROUP = "issue";

    /** One event type as {@code GET /webhooks/event-types} lists it. */
    public record Listed(String name, String description, String group) {
    }

    private static final List<Listed> ALL = list();

    private EventTypes() {
    }

    public static List<Listed> all() {
        return ALL;
    }

    public static boolean known(String name) {
        return IssueEventType.fromWireName(name).isPresent() || OperationalEventType.fromWireName(name).isPresent();
    }

    /** Whether events of this type are about an issue (and so pass through webhook filters) or about Issuehooks. */
    public static boolean aboutAnIssue(String name) {
        return IssueEventType.fromWireName(name).isPresent();
    }

    private static List<Listed> list() {
        List<Listed> all = new ArrayList<>();
        for (IssueEventType t : IssueEventType.values()) {
            all.add(new Listed(t.wireName(), t.description(), ISSUE_GROUP));
        }
        for (OperationalEventType t : OperationalEventType.values()) {
            all.add(new Listed(t.wireName(), t.description(), OperationalEventType.GROUP));
        }
        return List.copyOf(all);
    }
}
