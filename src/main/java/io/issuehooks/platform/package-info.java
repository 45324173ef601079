/**
 * What every capability stands on: the JAX-RS application, schema migrations, configuration, request reading,
 * health, and the way errors leave the server (RFC 9457 problem details). It imports no capability: each
 * capability produces its own beans from its settings ({@code DeliveryProducers}, {@code SecurityProducers},
 * {@code WebhookProducers}), and the start-up report that reads them all lives in {@code startup}.
 */
package io.issuehooks.platform;

