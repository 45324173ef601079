package io.issuehooks.contract;

import java.util.Optional;

/** The five webhook event types of the public documentation, by their wire names. */
public enum IssueEventType {
    CREATED("issue.created", "A new security vulnerability was detected and created"),
    UPDATED("issue.updated", "A vulnerability was updated, for example when several of its attributes changed at once"),
    STATUS_CHANGED("issue.status_changed", "A vulnerability's status changed (for example from open to fixed)"),
    SEVERITY_CHANGED("issue.severity_changed", "A vulnerability's severity level changed"),
    COMMENT_ADDED("issue.comment_added", "A comment was added to a vulnerability");

    private final String wireName;
    private final String description;

    IssueEventType(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public static Optional<IssueEventType> fromWireName(String name) {
        for (IssueEventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
