package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void durationsTakeTheUsualUnits() {
        assertThat(Settings.parseDurations("X", "0s,500ms,5s,5m,2h,3d")).containsExactly(Duration.ZERO, Duration.ofMillis(500),
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofDays(3));
        assertThat(Settings.parseDurations("X", " 1s , 2s ")).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aBadDurationNamesTheSetting() {
        assertThatThrownBy(() -> Settings.parseDurations("ISSUEHOOKS_RETRY_SCHEDULE", "5s,soon"))
                .hasMessageContaining("ISSUEHOOKS_RETRY_SCHEDULE").hasMessageContaining("soon");
    }

    @Test
    void aSystemPropertyOfTheSameMeaningWinsOverTheEnvironment() {
        assertThat(Settings.propertyName("ISSUEHOOKS_RETRY_SCHEDULE")).isEqualTo("issuehooks.retry.schedule");
        System.setProperty("issuehooks.test.only.setting", "7s");
        try {
            assertThat(new Settings().duration("ISSUEHOOKS_TEST_ONLY_SETTING", Duration.ZERO)).isEqualTo(Duration.ofSeconds(7));
        } finally {
            System.clearProperty("issuehooks.test.only.setting");
        }
        assertThat(new Settings().duration("ISSUEHOOKS_TEST_ONLY_SETTING", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }
}
