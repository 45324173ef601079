package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.platform.ConfigValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The concurrency settings the server resolves (configure.cli, the MDBs' maxSession) keep their default in one
 * place, a system property configure.cli gives the server, which the application reads too (DeliverySettings):
 * every expression of them falls back to it, and none carries a default of its own.
 */
class ServerDefaultsTest {

    static final List<String> SETTINGS = List.of(DeliverySettings.CONCURRENCY, DeliverySettings.SENDER_THREADS,
            "issuehooks.fanout.concurrency");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");

    @Test
    void everyExpressionOfASharedSettingFallsBackToTheServersDefault() throws IOException {
        String cli = Files.readString(Path.of("wildfly-config/configure.cli"));
        List<String> texts = new ArrayList<>(List.of(cli));
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                texts.add(Files.readString(f));
            }
        }
        for (String setting : SETTINGS) {
            String serverDefault = "issuehooks.default." + setting.substring("issuehooks.".length());
            assertThat(cli).as(serverDefault)
                    .containsPattern("/system-property=" + Pattern.quote(serverDefault) + ":add\\(value=\\d+\\)");
            List<String> uses = new ArrayList<>();
            for (String text : texts) {
                Matcher m = EXPRESSION.matcher(text);
                while (m.find()) {
                    if (m.group(1).startsWith(setting + ",") || m.group(1).startsWith(setting + ":")) {
                        uses.add(m.group(1));
                    }
                }
            }
            assertThat(uses).as(setting).isNotEmpty()
                    .containsOnly(setting + ",env." + ConfigValues.environmentVariable(setting) + "," + serverDefault);
        }
        assertThat(DeliverySettings.SERVER_DEFAULT_CONCURRENCY).isEqualTo("issuehooks.default.delivery.concurrency");
        assertThat(DeliverySettings.SERVER_DEFAULT_SENDER_THREADS).isEqualTo("issuehooks.default.sender.threads");
    }
}
