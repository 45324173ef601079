/**
 * What every capability stands on: the JAX-RS application, schema migrations, reading settings through
 * MicroProfile Config ({@code ConfigValues}, the duration notation and its converters), request reading, health,
 * and the way errors leave the server (RFC 9457 problem details). It imports no capability: each capability names
 * its own settings and their defaults and produces its own beans from them ({@code DeliveryProducers},
 * {@code SecurityProducers}, {@code WebhookProducers}), and the start-up report that reads them all lives in
 * {@code startup}.
 */
package io.issuehooks.platform;

