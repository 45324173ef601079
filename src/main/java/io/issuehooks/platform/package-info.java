/**
 * What every capability stands on: the JAX-RS application, schema migrations, configuration, CDI producers,
 * and the way errors leave the server (RFC 9457 problem details).
 */
package io.issuehooks.platform;
