/**
 * The HTTP client deliveries go out through: pooled, with a whole-request deadline, no redirects, and SSRF
 * protection that judges the address each connection actually goes to (loopback, private, link-local, metadata
 * and the rest refused unless ISSUEHOOKS_ALLOWED_NETWORKS allows them).
 */
package io.issuehooks.outbound;
