package io.issuehooks.issues;

import java.util.List;

/** The values of an issue's status and severity, as the API and payloads spell them. */
public final class IssueValues {

    public static final List<String> STATUSES = List.of("open", "fixed", "false_positive", "ignored");
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    private IssueValues() {
    }
}
