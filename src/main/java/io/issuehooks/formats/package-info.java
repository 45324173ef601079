/**
 * Destination formats: how an event's Promptfoo payload is turned into the body a webhook's destination accepts
 * without a relay in between (the Promptfoo envelope itself, a Slack message, a Splunk HTTP Event Collector event,
 * a CloudEvents 1.0 structured event). Pure functions of the payload and the event's id, so every retry of a
 * delivery sends the same bytes. Uses only the event contract ({@code client}).
 */
package io.issuehooks.formats;
