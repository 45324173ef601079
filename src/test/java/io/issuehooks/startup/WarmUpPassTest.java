package io.issuehooks.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpPassTest {

    @Test
    void acceptedOnlyWhileTheWarmUpRuns() {
        WarmUpPass pass = new WarmUpPass();
        assertThat(pass.accepts("anything")).as("before the warm-up").isFalse();
        String issued = pass.issue();
        assertThat(pass.accepts(issued)).isTrue();
        pass.revoke();
        assertThat(pass.accepts(issued)).as("after the warm-up").isFalse();
    }

    @Test
    void nothingButThePassIsAccepted() {
        WarmUpPass pass = new WarmUpPass();
        String issued = pass.issue();
        assertThat(pass.accepts(null)).isFalse();
        assertThat(pass.accepts("")).isFalse();
        assertThat(pass.accepts(issued.substring(0, issued.length() - 1))).isFalse();
        assertThat(pass.accepts(issued + "x")).isFalse();
        assertThat(new WarmUpPass().issue()).as("a new pass at every start").isNotEqualTo(issued);
        assertThat(issued).hasSizeGreaterThan(40);
    }

    @Test
    void thePassRecordsIssuesAndDoesNothingElse() {
        assertThat(RolledBackRequestFilter.applies("POST", "/v1/issues")).isTrue();
        assertThat(RolledBackRequestFilter.applies("POST", "v1/issues/")).isTrue();
        assertThat(RolledBackRequestFilter.applies("GET", "/v1/issues")).isFalse();
        assertThat(RolledBackRequestFilter.applies("POST", "/v1/webhooks")).isFalse();
        assertThat(RolledBackRequestFilter.applies("POST", "/v1/webhooks/x/test")).isFalse();
        assertThat(RolledBackRequestFilter.applies("POST", "/v1/issues/x/comments")).isFalse();
        assertThat(RolledBackRequestFilter.applies("PATCH", "/v1/issues/x")).isFalse();
    }
}
