package io.issuehooks.events;

import java.time.Instant;
import java.util.UUID;

/** One event of the feed as stored: {@code payload} is the exact text its deliveries signed. */
record FeedEvent(UUID id, String type, String issueId, UUID teamId, Instant createdAt, String payload) {
}
