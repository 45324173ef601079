package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuehooks.delivery.engine.DeliveryProducers;
import io.issuehooks.delivery.engine.DeliverySettings;
import io.issuehooks.delivery.engine.RetrySchedule;
import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.security.SecurityProducers;
import io.issuehooks.webhooks.WebhookProducers;
import io.issuehooks.webhooks.WebhookSettings;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDI wiring of settings into the objects the capabilities build from them (their producers), in Weld SE with
 * SmallRye Config's CDI extension, as in the server: settings are system properties here, as {@code -D} would set
 * them, and the server's own defaults are the system properties configure.cli gives the server.
 */
class ProducersWiringTest {

    static final Pattern SERVER_DEFAULT =
            Pattern.compile("/system-property=(issuehooks\\.default\\.[a-z.]+):add\\(value=([^)]+)\\)");

    @TempDir
    Path dataDir;

    final List<String> set = new ArrayList<>();

    @BeforeEach
    void settings() throws IOException {
        set("jboss.server.data.dir", dataDir.toString());
        serverDefaults().forEach(this::set);
        set("issuehooks.retry.schedule", "0s,2s,1m");
        set("issuehooks.allowed.networks", "10.0.0.0/8");
        set("issuehooks.request.timeout", "7s");
        set("issuehooks.sender.threads", "3");
    }

    @AfterEach
    void clear() {
        set.forEach(System::clearProperty);
    }

    private void set(String property, String value) {
        System.setProperty(property, value);
        set.add(property);
    }

    /** The system properties configure.cli gives the server (the defaults of the settings it shares with the application). */
    static Map<String, String> serverDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = SERVER_DEFAULT.matcher(Files.readString(Path.of("wildfly-config/configure.cli")));
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        return defaults;
    }

    /** A fresh container, as a server start would build one. */
    private static WeldContainer weld() {
        return new Weld().disableDiscovery().addExtension(new ConfigExtension())
                .addBeanClasses(DeliveryProducers.class, SecurityProducers.class, WebhookProducers.class, Validators.class).initialize();
    }

    /** What the server's Bean Validation integration provides: the default validator (Hibernate Validator). */
    static class Validators {

        @Produces
        @Singleton
        Validator validator() {
            return Validation.buildDefaultValidatorFactory().getValidator();
        }
    }

    @Test
    void settingsReachTheObjectsBuiltFromThem() {
        try (WeldContainer container = weld()) {
            RetrySchedule schedule = container.select(RetrySchedule.class).get();
            assertThat(schedule.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofMinutes(1));
            assertThat(schedule.retryAfterCap()).as("default").isEqualTo(RetrySchedule.DEFAULT_RETRY_AFTER_CAP);
            DeliverySettings delivery = container.select(DeliverySettings.class).get();
            assertThat(delivery.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(delivery.connectTimeout()).as("default").isEqualTo(DeliverySettings.DEFAULT_CONNECT_TIMEOUT);
            assertThat(delivery.senderThreads()).isEqualTo(3);
            assertThat(delivery.concurrency()).as("the server's default, from configure.cli")
                    .isEqualTo(Integer.parseInt(serverDefaults().get(DeliverySettings.SERVER_DEFAULT_CONCURRENCY)));
            assertThat(delivery.consoleUrl()).isNull();
            assertThat(delivery.relayInterval()).as("default").isEqualTo(DeliverySettings.DEFAULT_RELAY_INTERVAL);
            assertThat(container.select(WebhookSettings.class).get().rotationGrace())
                    .isEqualTo(WebhookSettings.DEFAULT_ROTATION_GRACE);
            assertThat(container.select(DestinationPolicy.class).get().refusal(InetAddress.getByName("10.1.2.3"))).isEmpty();
            assertThat(container.select(DestinationPolicy.class).get().refusal(InetAddress.getByName("192.168.1.1"))).isPresent();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theServerDefaultsAreTheOnesTheServerConfigurationGives() throws IOException {
        assertThat(serverDefaults()).containsOnlyKeys(DeliverySettings.SERVER_DEFAULT_CONCURRENCY,
                DeliverySettings.SERVER_DEFAULT_SENDER_THREADS, "issuehooks.default.fanout.concurrency");
        System.clearProperty("issuehooks.sender.threads");
        try (WeldContainer container = weld()) {
            assertThat(container.select(DeliverySettings.class).get().senderThreads())
                    .isEqualTo(Integer.parseInt(serverDefaults().get(DeliverySettings.SERVER_DEFAULT_SENDER_THREADS)));
        }
    }

    @Test
    void aMalformedSettingStopsTheStartNamingItsVariable() {
        System.setProperty("issuehooks.disable.after", "5 days");
        set.add("issuehooks.disable.after");
        try (WeldContainer container = weld()) {
            assertThatThrownBy(() -> container.select(DeliverySettings.class).get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("ISSUEHOOKS_DISABLE_AFTER: '5 days' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        }
    }

    @Test
    void aSettingThatParsesButMakesNoSenseStopsTheStartNamingItsVariable() {
        set("issuehooks.webhook.concurrency", "0");
        set("issuehooks.request.timeout", "0s");
        set("issuehooks.relay.interval", "2s");
        try (WeldContainer container = weld()) {
            assertThatThrownBy(() -> container.select(DeliverySettings.class).get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("ISSUEHOOKS_RELAY_INTERVAL must be from 0s to 1s; ISSUEHOOKS_REQUEST_TIMEOUT must be longer than 0s; "
                            + "ISSUEHOOKS_WEBHOOK_CONCURRENCY must be from 1 to 1000");
        }
        set("issuehooks.webhook.concurrency", "1000");
        set("issuehooks.request.timeout", "1ms");
        set("issuehooks.relay.interval", "1s");
        try (WeldContainer container = weld()) {
            assertThat(container.select(DeliverySettings.class).get().webhookConcurrency()).as("the limits themselves pass").isEqualTo(1000);
        }
        set("issuehooks.relay.interval", "0s");
        try (WeldContainer container = weld()) {
            assertThat(container.select(DeliverySettings.class).get().relayInterval()).as("no interval: relay at once").isZero();
        }
    }

    @Test
    void withoutTheServerConfigurationTheSharedDefaultIsMissingAndSaidSo() {
        System.clearProperty(DeliverySettings.SERVER_DEFAULT_CONCURRENCY);
        try (WeldContainer container = weld()) {
            assertThatThrownBy(() -> container.select(DeliverySettings.class).get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The server configuration does not define the system property "
                            + "issuehooks.default.delivery.concurrency, the default of ISSUEHOOKS_DELIVERY_CONCURRENCY: was it "
                            + "configured by wildfly-config/configure.cli?");
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
