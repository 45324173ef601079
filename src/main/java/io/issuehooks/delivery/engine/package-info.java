/**
 * The delivery engine: fan-out of each event to its subscribed webhooks in the committing transaction, the relay
 * from the deliveries' outbox to the Deliveries queue, the queue and its message-driven bean, per-endpoint lanes,
 * signing, sending, the retry schedule, recording outcomes ({@code OutcomeRecorder}, committed in groups by
 * {@code GroupedOutcomeWriter}), fanning out operational events, and the application's meters. Builds on
 * {@code delivery.store}.
 */
package io.issuehooks.delivery.engine;
