package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * How settings are read through MicroProfile Config (SmallRye Config, as in the server): the environment variable
 * of a property, a system property winning over it, empty values, and the errors that name the variable. The
 * environment is a map here (a test cannot set its own); the system properties are the real ones, cleared after.
 */
class ConfigValuesTest {

    static final String PROPERTY = "issuehooks.test.only.setting";

    /** The server's sources for settings: system properties (400) over the environment (300); converters by ServiceLoader. */
    static Config config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new SysPropConfigSource(), new EnvConfigSource(environment, 300)).addDiscoveredConverters().build();
    }

    @Test
    void thePropertyIsReadFromItsEnvironmentVariable() {
        assertThat(ConfigValues.environmentVariable("issuehooks.retry.schedule")).isEqualTo("ISSUEHOOKS_RETRY_SCHEDULE");
        assertThat(ConfigValues.environmentVariable("issuehooks.retry.after.max")).isEqualTo("ISSUEHOOKS_RETRY_AFTER_MAX");
        Config config = config(Map.of("ISSUEHOOKS_TEST_ONLY_SETTING", "3s"));
        assertThat(ConfigValues.duration(config, PROPERTY)).contains(Duration.ofSeconds(3));
        assertThat(ConfigValues.duration(config, "issuehooks.test.only.other")).isEmpty();
    }

    @Test
    void aSystemPropertyOfTheSameMeaningWinsOverTheEnvironment() {
        Config config = config(Map.of("ISSUEHOOKS_TEST_ONLY_SETTING", "3s"));
        System.setProperty(PROPERTY, "7s");
        try {
            assertThat(ConfigValues.duration(config, PROPERTY)).contains(Duration.ofSeconds(7));
        } finally {
            System.clearProperty(PROPERTY);
        }
        assertThat(ConfigValues.duration(config, PROPERTY)).as("read again: the variable").contains(Duration.ofSeconds(3));
    }

    @Test
    void aSystemPropertySetWhileRunningIsSeenAtTheNextRead() {
        // What RetentionIT relies on: the job reads its setting at every run, from the configuration built at start.
        Config config = config(Map.of());
        assertThat(ConfigValues.duration(config, PROPERTY)).isEmpty();
        System.setProperty(PROPERTY, "0s");
        try {
            assertThat(ConfigValues.duration(config, PROPERTY)).contains(Duration.ZERO);
            System.setProperty(PROPERTY, "2h");
            assertThat(ConfigValues.duration(config, PROPERTY)).contains(Duration.ofHours(2));
        } finally {
            System.clearProperty(PROPERTY);
        }
        assertThat(ConfigValues.duration(config, PROPERTY)).isEmpty();
    }

    @Test
    void valuesAreTrimmedAndAnEmptyOneCountsAsUnset() {
        Config config = config(Map.of("ISSUEHOOKS_TEST_ONLY_SETTING", "  ", "ISSUEHOOKS_TEST_ONLY_EMPTY", "",
                "ISSUEHOOKS_TEST_ONLY_TEXT", "  a b  ", "ISSUEHOOKS_TEST_ONLY_NUMBER", " 12 ",
                "ISSUEHOOKS_TEST_ONLY_LIST", " 1s , 2s "));
        assertThat(ConfigValues.text(config, PROPERTY)).isEmpty();
        assertThat(ConfigValues.duration(config, PROPERTY)).isEmpty();
        assertThat(ConfigValues.wholeNumber(config, PROPERTY)).isEmpty();
        assertThat(ConfigValues.durations(config, PROPERTY)).isEmpty();
        assertThat(ConfigValues.text(config, "issuehooks.test.only.empty")).isEmpty();
        assertThat(ConfigValues.duration(config, "issuehooks.test.only.empty")).isEmpty();
        assertThat(ConfigValues.text(config, "issuehooks.test.only.text")).contains("a b");
        assertThat(ConfigValues.wholeNumber(config, "issuehooks.test.only.number")).contains(12);
        assertThat(ConfigValues.durations(config, "issuehooks.test.only.list")).contains(List.of(Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
    }

    @Test
    void anEmptySystemPropertyIsUnsetAsBeforeEvenOverAVariable() {
        Config config = config(Map.of("ISSUEHOOKS_TEST_ONLY_SETTING", "3s"));
        System.setProperty(PROPERTY, "");
        try {
            assertThat(ConfigValues.duration(config, PROPERTY)).isEmpty();
        } finally {
            System.clearProperty(PROPERTY);
        }
    }

    @Test
    void aMalformedValueNamesTheVariableAndSaysWhatIsExpected() {
        Config config = config(Map.of("ISSUEHOOKS_TEST_ONLY_SETTING", "abc", "ISSUEHOOKS_RETRY_SCHEDULE", "5s,soon",
                "ISSUEHOOKS_DELIVERY_CONCURRENCY", "many"));
        assertThatThrownBy(() -> ConfigValues.duration(config, PROPERTY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("ISSUEHOOKS_TEST_ONLY_SETTING: 'abc' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        assertThatThrownBy(() -> ConfigValues.durations(config, "issuehooks.retry.schedule")).isInstanceOf(IllegalStateException.class)
                .hasMessage("ISSUEHOOKS_RETRY_SCHEDULE: 'soon' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        assertThatThrownBy(() -> ConfigValues.wholeNumber(config, "issuehooks.delivery.concurrency"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ISSUEHOOKS_DELIVERY_CONCURRENCY must be a whole number, not 'many'");
    }

    @Test
    void aTruthIsTrueOrFalseAndAnythingElseNamesTheVariable() {
        // SmallRye's own Boolean conversion reads "ture" as false: a misspelt ISSUEHOOKS_DELIVERY_DIRECT would choose.
        Config config = config(Map.of("ISSUEHOOKS_TEST_ONLY_SETTING", " TRUE ", "ISSUEHOOKS_TEST_ONLY_NO", "false",
                "ISSUEHOOKS_TEST_ONLY_TYPO", "ture"));
        assertThat(ConfigValues.truth(config, PROPERTY)).contains(true);
        assertThat(ConfigValues.truth(config, "issuehooks.test.only.no")).contains(false);
        assertThat(ConfigValues.truth(config, "issuehooks.test.only.unset")).isEmpty();
        assertThatThrownBy(() -> ConfigValues.truth(config, "issuehooks.test.only.typo")).isInstanceOf(IllegalStateException.class)
                .hasMessage("ISSUEHOOKS_TEST_ONLY_TYPO must be true or false, not 'ture'");
    }

    @Test
    void theApplicationsOwnConfigurationTakesValuesAsTheyAre() {
        // META-INF/microprofile-config.properties of the WAR turns ${...} expansion off: a key may contain "${".
        Config application = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources().addDiscoveredConverters()
                .build();
        Config expanding = config(Map.of());
        System.setProperty(PROPERTY, "key-${not.an.expression}-$x");
        try {
            assertThat(ConfigValues.text(application, PROPERTY)).contains("key-${not.an.expression}-$x");
            assertThat(ConfigValues.text(expanding, PROPERTY)).as("MicroProfile Config's default").isEmpty();
        } finally {
            System.clearProperty(PROPERTY);
        }
    }
}
