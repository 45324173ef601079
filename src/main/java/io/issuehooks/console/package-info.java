/**
 * The web console: static files in the WAR under {@code /ui/} (an HTML page, ES modules and one stylesheet) that
 * manage webhooks, read their deliveries and work with issues through the public JSON API, with the user's API key
 * as a bearer token kept in the browser tab's session storage. The only server-side part is the filter that gives
 * every console response a strict Content-Security-Policy and the other security headers.
 */
package io.issuehooks.console;
