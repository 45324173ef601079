/**
 * The issue event contract, shared by the server and the client jar: the event types, issue snapshots, the rules
 * that turn one transaction's changes into events, the exact JSON of the webhook payload ({@code IssuePayload},
 * written by {@code JsonText} as JavaScript's {@code JSON.stringify} writes it), the publisher port, and an event's
 * form on the IssueEvents queue. Uses nothing else of the application.
 */
package io.issuehooks.contract;
