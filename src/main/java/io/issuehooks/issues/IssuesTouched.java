package io.issuehooks.issues;

/** Fired once per transaction, when it first touches an issue, so that the recorder completes it. */
public record IssuesTouched() {
}
