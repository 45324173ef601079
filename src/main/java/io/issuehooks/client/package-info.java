/**
 * What another deployment on the same server uses to have its issue changes sent as webhooks, shipped as the
 * {@code client} jar together with {@code io.issuehooks.contract}: the CDI events it fires ({@code IssueChanged},
 * {@code IssueCommentAdded}), and the bridge that coalesces them per transaction and sends them to the IssueEvents
 * queue atomically with that transaction. Issuehooks itself never uses this package.
 */
package io.issuehooks.client;
