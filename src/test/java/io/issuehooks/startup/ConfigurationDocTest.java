package io.issuehooks.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.engine.DeliverySettings;
import io.issuehooks.delivery.engine.RetrySchedule;
import io.issuehooks.delivery.store.RetentionJob;
import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.DurationConverter;
import io.issuehooks.platform.DurationListConverter;
import io.issuehooks.webhooks.WebhookSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md repeats the defaults for people; the code keeps each in one place. The summary table must
 * say what the code does, and name each setting's variable and property as MicroProfile Config maps them.
 */
class ConfigurationDocTest {

    static final Pattern ROW = Pattern.compile("(?m)^\\| `(ISSUEHOOKS_[A-Z_]+)` \\| (?:`([a-z.]+)`|[^|]*) \\| `([^`]*)`");
    static final Pattern SERVER_DEFAULT = Pattern.compile("/system-property=(issuehooks\\.default\\.[a-z.]+):add\\(value=([^)]+)\\)");
    /** A server setting whose default is written in its expression: ${issuehooks.db.pool.size,env.ISSUEHOOKS_DB_POOL_SIZE:80}. */
    static final Pattern INLINE_DEFAULT = Pattern.compile("(?m)^[^#\\n]*\\$\\{(issuehooks\\.[a-z.]+),env\\.(ISSUEHOOKS_[A-Z_]+):([^}$]*)}");

    /** Variable → the default the summary table gives (its first code span); the property column checked on the way. */
    static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("docs/configuration.md")));
        while (m.find()) {
            if (m.group(2) != null) {
                assertThat(ConfigValues.environmentVariable(m.group(2))).as("property of %s", m.group(1)).isEqualTo(m.group(1));
            }
            defaults.put(m.group(1), m.group(3));
        }
        return defaults;
    }

    static Duration duration(Map<String, String> defaults, String property) {
        return new DurationConverter().convert(defaults.get(ConfigValues.environmentVariable(property)));
    }

    @Test
    void theSummaryTableGivesTheDefaultsTheCodeApplies() throws IOException {
        Map<String, String> docs = documentedDefaults();
        assertThat(new DurationListConverter().convert(docs.get("ISSUEHOOKS_RETRY_SCHEDULE")).durations())
                .isEqualTo(RetrySchedule.DEFAULT);
        assertThat(duration(docs, RetrySchedule.RETRY_AFTER_CAP_SETTING)).isEqualTo(RetrySchedule.DEFAULT_RETRY_AFTER_CAP);
        assertThat(duration(docs, DeliverySettings.CONNECT_TIMEOUT)).isEqualTo(DeliverySettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(duration(docs, DeliverySettings.REQUEST_TIMEOUT)).isEqualTo(DeliverySettings.DEFAULT_REQUEST_TIMEOUT);
        assertThat(duration(docs, DeliverySettings.DISABLE_AFTER)).isEqualTo(DeliverySettings.DEFAULT_DISABLE_AFTER);
        assertThat(duration(docs, DeliverySettings.RELAY_INTERVAL)).isEqualTo(DeliverySettings.DEFAULT_RELAY_INTERVAL);
        assertThat(duration(docs, RetentionJob.SETTING)).isEqualTo(RetentionJob.DEFAULT);
        assertThat(duration(docs, WebhookSettings.ROTATION_GRACE)).isEqualTo(WebhookSettings.DEFAULT_ROTATION_GRACE);
        assertThat(duration(docs, WarmUp.SETTING)).isEqualTo(WarmUp.DEFAULT);
        assertThat(docs.get(ConfigValues.environmentVariable(DeliverySettings.WEBHOOK_CONCURRENCY)))
                .isEqualTo(String.valueOf(DeliverySettings.DEFAULT_WEBHOOK_CONCURRENCY));
        assertThat(docs.get(ConfigValues.environmentVariable(DeliverySettings.DIRECT))).isEqualTo(String.valueOf(DeliverySettings.DEFAULT_DIRECT));
    }

    @Test
    void theClusterConfigurationRelaysFirstAttemptsAsItsDocumentationSays() throws IOException {
        Matcher m = SERVER_DEFAULT.matcher(Files.readString(Path.of("wildfly-config/configure-remote.cli")));
        Map<String, String> remote = new LinkedHashMap<>();
        while (m.find()) {
            remote.put(m.group(1), m.group(2));
        }
        assertThat(remote).containsEntry(DeliverySettings.SERVER_DEFAULT_DIRECT, "false");
        assertThat(Files.readString(Path.of("docs/configuration.md"))).contains("`false` with a remote broker");
    }

    @Test
    void theSummaryTableGivesTheServersOwnDefaults() throws IOException {
        Map<String, String> docs = documentedDefaults();
        Matcher m = SERVER_DEFAULT.matcher(Files.readString(Path.of("wildfly-config/configure.cli")));
        int found = 0;
        while (m.find()) {
            String setting = "issuehooks." + m.group(1).substring("issuehooks.default.".length());
            assertThat(docs.get(ConfigValues.environmentVariable(setting))).as(setting).isEqualTo(m.group(2));
            found++;
        }
        assertThat(found).isEqualTo(3);
    }

    @Test
    void theSummaryTableGivesTheDefaultsWrittenInTheServersExpressions() throws IOException {
        Map<String, String> docs = documentedDefaults();
        Map<String, String> inline = new LinkedHashMap<>();
        for (String script : new String[] {"wildfly-config/configure.cli", "wildfly-config/configure-remote.cli"}) {
            Matcher m = INLINE_DEFAULT.matcher(Files.readString(Path.of(script)));
            while (m.find()) {
                assertThat(ConfigValues.environmentVariable(m.group(1))).as("variable of %s", m.group(1)).isEqualTo(m.group(2));
                inline.put(m.group(2), m.group(3));
            }
        }
        assertThat(inline).containsKeys("ISSUEHOOKS_DB_POOL_SIZE", "ISSUEHOOKS_HTTP_THREADS", "ISSUEHOOKS_TRANSACTION_TIMEOUT");
        inline.forEach((variable, value) -> assertThat(docs.get(variable)).as(variable).isEqualTo(value));
    }
}
