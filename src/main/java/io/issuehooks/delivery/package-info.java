/**
 * Getting every event to every subscribed endpoint: fan-out and delivery message-driven beans, signing, the
 * guarded HTTP client, retries on a schedule through JMS delivery delay, the delivery log, and its API.
 */
package io.issuehooks.delivery;
