/**
 * The issue event contract, shipped also as the {@code client} jar: event types, issue snapshots, the rules that
 * turn one transaction's changes into events, the exact JSON of the webhook payload, and the bridge that lets
 * another deployment fire issue changes as CDI events that reach the event queue atomically with its transaction.
 */
package io.issuehooks.client;
