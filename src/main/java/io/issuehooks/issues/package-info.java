/**
 * Issues (security vulnerabilities found by red-teaming), their comments and history, the API to record and
 * change them, and the recorder that turns every committed change, whatever code path made it, into events.
 */
package io.issuehooks.issues;
