/**
 * The delivery log's API under /api/v1/webhooks/{id}: list and detail of deliveries, redeliver, recover and test
 * events, and the use cases behind them ({@code ReplayService}). Builds on {@code delivery.engine} and
 * {@code delivery.store}.
 */
package io.issuehooks.delivery.api;
