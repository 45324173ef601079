package io.issuehooks.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackRequestsTest {

    @Test
    void theWarmUpCallsTheListenerWhereWildFlyBindsIt() {
        assertThat(LoopbackRequests.address("127.0.0.1", 8080, 0)).hasToString("http://127.0.0.1:8080");
        assertThat(LoopbackRequests.address("10.1.2.3", 8080, 100)).hasToString("http://10.1.2.3:8180");
    }

    @Test
    void aListenerOnEveryInterfaceIsCalledOnLoopback() {
        assertThat(LoopbackRequests.address("0.0.0.0", 8080, 0)).hasToString("http://127.0.0.1:8080");
        assertThat(LoopbackRequests.address("::", 9000, 0)).hasToString("http://127.0.0.1:9000");
    }

    @Test
    void anIpv6AddressGoesInBrackets() {
        assertThat(LoopbackRequests.address("fd00::1", 8080, 0)).hasToString("http://[fd00::1]:8080");
    }

    @Test
    void theRehearsedAttemptsMayReachTheListenerAndNothingElse() {
        assertThat(RehearsedAttempts.hostOnly(LoopbackRequests.address("0.0.0.0", 8080, 0))).hasToString("127.0.0.1/32");
        assertThat(RehearsedAttempts.hostOnly(LoopbackRequests.address("10.1.2.3", 8080, 0))).hasToString("10.1.2.3/32");
        assertThat(RehearsedAttempts.hostOnly(LoopbackRequests.address("fd00::1", 8080, 0)).toString()).endsWith("/128");
    }
}
