package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import jakarta.json.spi.JsonProvider;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.yasson.YassonJsonb;
import org.junit.jupiter.api.Test;

/**
 * The libraries the tests run with are the ones inside the server the build unpacked: the JSON-P provider that
 * writes and parses what tests sign and verify, JSON-B, the Micrometer, MicroProfile Health and MicroProfile Config
 * APIs the application compiles against, and SmallRye Config and Hibernate Validator, which read and check the
 * settings in the Weld tests. A new
 * WildFly with other versions fails here, naming the jar to align in pom.xml.
 */
class ServerLibrariesIT {

    static final Path MODULES = Path.of(System.getProperty("jboss.home"), "modules", "system", "layers", "base");

    @Test
    void theTestsUseTheServersJsonProviderAndApis() throws Exception {
        assertInServer(JsonProvider.provider().getClass(), "org/eclipse/parsson/main");
        assertInServer(YassonJsonb.class, "org/eclipse/yasson/main");
        assertInServer(MeterRegistry.class, "io/micrometer/main");
        assertInServer(HealthCheck.class, "org/eclipse/microprofile/health/api/main");
        assertInServer(Config.class, "org/eclipse/microprofile/config/api/main");
        assertInServer(SmallRyeConfig.class, "io/smallrye/config/main");
        assertInServer(org.hibernate.validator.HibernateValidator.class, "org/hibernate/validator/main");
        assertInServer(org.glassfish.expressly.ExpressionFactoryImpl.class, "org/glassfish/expressly/main");
    }

    private static void assertInServer(Class<?> type, String module) throws URISyntaxException {
        String jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        assertThat(Files.exists(MODULES.resolve(module).resolve(jar)))
                .as("%s (%s on the test class path) is in the server's module %s", jar, type.getName(), module).isTrue();
    }
}
