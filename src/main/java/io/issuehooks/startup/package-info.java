/**
 * The start-up report: reads every setting of every capability when the application starts, so that a wrong
 * value stops the deployment with its name, and logs what is in effect. It sees everything and nothing sees it,
 * which is why it is not in platform (the ground every capability stands on, which imports none of them).
 */
package io.issuehooks.startup;
