/**
 * The delivery engine: fan-out of each event to its subscribed webhooks in the committing transaction, a single
 * server's direct delivery of first attempts after the commit ({@code DirectDelivery}), the relay from the
 * deliveries' outbox to the Deliveries queue (a cluster's path, and a single server's after a crash), the queue
 * and its message-driven bean, per-endpoint lanes, signing, sending, the retry schedule, recording outcomes
 * ({@code OutcomeRecorder}, committed in groups by {@code GroupedOutcomeWriter}), fanning out operational events,
 * and the application's meters. Builds on {@code delivery.store}.
 */
package io.issuehooks.delivery.engine;
