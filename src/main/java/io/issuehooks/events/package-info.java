/**
 * The event feed: an organisation's committed events, oldest first, for collectors that pull instead of
 * receive and for backfill after an outage. It reads the events the delivery capability records with their
 * change (the {@code issue_event} table) and depends on no capability itself.
 */
package io.issuehooks.events;
