package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerReadinessTest {

    private static final Optional<String> WARMING = Optional.of("The server is warming up");

    @Test
    void readyOnlyWithBothDependenciesAndTheWarmUpOver() {
        assertThat(new ServerReadiness(true, true, Optional.empty()).ready()).isTrue();
        assertThat(new ServerReadiness(true, true, Optional.empty()).problem()).isEmpty();
        assertThat(new ServerReadiness(true, true, WARMING).ready()).isFalse();
        assertThat(new ServerReadiness(false, true, Optional.empty()).ready()).isFalse();
        assertThat(new ServerReadiness(true, false, Optional.empty()).ready()).isFalse();
    }

    @Test
    void aMissingDependencyIsReportedBeforeTheWarmUp() {
        assertThat(new ServerReadiness(true, true, WARMING).problem()).isEqualTo(WARMING);
        assertThat(new ServerReadiness(false, true, WARMING).problem()).hasValue("The database does not answer");
        assertThat(new ServerReadiness(true, false, WARMING).problem()).hasValue("The message broker does not answer");
        assertThat(new ServerReadiness(false, false, WARMING).problem())
                .hasValue("Neither the database nor the message broker answers");
    }
}
