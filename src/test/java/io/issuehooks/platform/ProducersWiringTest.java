package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.engine.DeliveryProducers;
import io.issuehooks.delivery.engine.DeliverySettings;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.delivery.engine.RetrySchedule;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.security.SecurityProducers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CDI wiring of settings into the objects the capabilities build from them (their producers), in Weld SE. */
class ProducersWiringTest {

    @TempDir
    Path dataDir;

    @BeforeEach
    void settings() {
        System.setProperty("jboss.server.data.dir", dataDir.toString());
        System.setProperty("issuehooks.retry.schedule", "0s,2s,1m");
        System.setProperty("issuehooks.allowed.networks", "10.0.0.0/8");
        System.setProperty("issuehooks.request.timeout", "7s");
    }

    @AfterEach
    void clear() {
        for (String p : new String[] {"jboss.server.data.dir", "issuehooks.retry.schedule", "issuehooks.allowed.networks",
                "issuehooks.request.timeout"}) {
            System.clearProperty(p);
        }
    }

    /** A fresh container, as a server start would build one. */
    private static WeldContainer weld() {
        return new Weld().disableDiscovery().addBeanClasses(DeliveryProducers.class, SecurityProducers.class, Settings.class).initialize();
    }

    @Test
    void settingsReachTheObjectsBuiltFromThem() throws Exception {
        try (WeldContainer container = weld()) {
            RetrySchedule schedule = container.select(RetrySchedule.class).get();
            assertThat(schedule.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofMinutes(1));
            assertThat(container.select(DeliverySettings.class).get().requestTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(container.select(DeliverySettings.class).get().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(container.select(DestinationPolicy.class).get().refusal(InetAddress.getByName("10.1.2.3"))).isEmpty();
            assertThat(container.select(DestinationPolicy.class).get().refusal(InetAddress.getByName("192.168.1.1"))).isPresent();
        }
    }

    @Test
    void aGeneratedServerKeyIsKeptSoThatARestartStillDecrypts() {
        UUID owner = UUID.randomUUID();
        String sealed;
        try (WeldContainer first = weld()) {
            sealed = first.select(SecretCipher.class).get().encrypt("whsec_x", owner);
        }
        assertThat(Files.exists(dataDir.resolve("issuehooks/secret.key"))).isTrue();
        try (WeldContainer restarted = weld()) {
            assertThat(restarted.select(SecretCipher.class).get().decrypt(sealed, owner)).isEqualTo("whsec_x");
        }
    }
}
