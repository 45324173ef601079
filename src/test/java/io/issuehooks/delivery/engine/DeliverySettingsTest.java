package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    @Test
    void theConsoleUrlIsAnAbsoluteWebAddressWithoutItsTrailingSlash() {
        assertThat(DeliverySettings.consoleUrl("https://ih.example.com/")).isEqualTo("https://ih.example.com");
        assertThat(DeliverySettings.consoleUrl("http://10.0.0.5:8080/issuehooks")).isEqualTo("http://10.0.0.5:8080/issuehooks");
        for (String bad : new String[] {"ih.example.com", "ftp://ih.example.com", "https://ih.example.com/?a=1",
                "https://ih.example.com/#x", "https://u:p@ih.example.com", "https://ih.example.com/<x>", "https:///x"}) {
            assertThatThrownBy(() -> DeliverySettings.consoleUrl(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISSUEHOOKS_CONSOLE_URL");
        }
    }
}
