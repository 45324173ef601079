/**
 * Who is calling and what they may do: API keys (random, shown once, stored as hashes), the bootstrap operator
 * key, the request's {@link io.issuehooks.security.Caller}, and the server key that encrypts webhook secrets.
 */
package io.issuehooks.security;
