package io.issuehooks.events;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.PageRequest;
import io.issuehooks.platform.Times;
import io.issuehooks.webhooks.EventTypes;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a reader of the feed asked for, checked: the organisation and team the key may read, event types, one
 * issue, a time range (since inclusive, until exclusive) and the page.
 */
record FeedQuery(UUID organizationId, UUID teamId, Set<String> types, String issueId, Instant since, Instant until,
        PageRequest page) {

    static final int MAX_ISSUE_ID = 100;

    /** {@code type} may be repeated or a comma-separated list; every other parameter is taken once. */
    static FeedQuery of(UUID organizationId, UUID teamId, List<String> type, List<String> issueId, List<String> since,
            List<String> until, List<String> limit, List<String> cursor) {
        Set<String> types = new LinkedHashSet<>();
        for (String list : type) {
            for (String name : list.split(",", -1)) {
                if (!EventTypes.known(name.strip())) {
                    throw ApiException.invalid("type", "unknown event type '" + name.strip() + "'");
                }
                types.add(name.strip());
            }
        }
        String issue = once("issueId", issueId);
        if (issue != null && (issue.isEmpty() || issue.length() > MAX_ISSUE_ID)) {
            throw ApiException.invalid("issueId", "must be 1 to " + MAX_ISSUE_ID + " characters");
        }
        Instant from = instant("since", once("since", since));
        Instant to = instant("until", once("until", until));
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.invalid("until", "must be later than since");
        }
        PageRequest page = PageRequest.of(once("limit", limit), once("cursor", cursor));
        return new FeedQuery(organizationId, teamId, types, issue, from, to, page);
    }

    private static String once(String name, List<String> values) {
        if (values.size() > 1) {
            throw ApiException.invalid(name, "may be given once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static Instant instant(String name, String text) {
        return text == null ? null : Times.parse(name, text);
    }
}
