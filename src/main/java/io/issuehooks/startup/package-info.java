/**
 * What happens once when the application starts: the start-up report reads every setting of every capability, so
 * that a wrong value stops the deployment with its name, and logs what is in effect; the warm-up runs the request
 * path with no effect while readiness is held ({@code WarmUp}). It sees everything and nothing sees it, which is
 * why it is not in platform (the ground every capability stands on, which imports none of them).
 */
package io.issuehooks.startup;
