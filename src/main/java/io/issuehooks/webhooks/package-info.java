/**
 * Webhooks: an organisation's subscriptions of an endpoint URL to issue event types, with the secret that signs
 * what is sent there, and the API that manages them under /api/v1/webhooks and /api/webhooks.
 */
package io.issuehooks.webhooks;
