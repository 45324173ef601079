package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Database;
import io.issuehooks.testsupport.Fixture;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A freshly started server holds its readiness while it warms up (ISSUEHOOKS_WARMUP), and the warm-up, which runs
 * whole changes and API calls and rolls them back, sends the delivery consumers messages about no delivery and
 * signed attempts to its own listener, leaves nothing behind: no row, no event, no message waiting, no attempt,
 * no metric. The server is the second test server (ports +100, see arquillian.xml), started with a warm-up; every
 * other test server runs without one (pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WarmUpIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern DONE = Pattern.compile("Warm-up done: (\\d+) changes made and rolled back \\((\\d+) failed\\), "
            + "(\\d+) API calls answered over loopback and rolled back \\((\\d+) not[^)]*\\), "
            + "(\\d+) batches of messages about no delivery sent \\((\\d+) failed\\), "
            + "(\\d+) signed attempts sent to the server's own listener, their outcomes recorded against no delivery "
            + "\\((\\d+) not answered\\)");

    @ArquillianResource
    ContainerController controller;

    @BeforeAll
    static void installApplication() throws Exception {
        CrashServer.installApplication();
        CrashServer.clearData();
    }

    @AfterAll
    static void removeApplication() throws Exception {
        CrashServer.removeApplication();
    }

    @AfterEach
    void stop() {
        if (controller.isStarted(CrashRecoveryIT.SERVER)) {
            controller.stop(CrashRecoveryIT.SERVER);
        }
        CrashServer.process().ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void readyOnlyAfterTheWarmUpWhichLeavesNothingBehind() throws Exception {
        // The log is shared with the other tests of this server (CrashRecoveryIT): read only what this start wrote.
        Path serverLog = Path.of(System.getProperty("it.kill.base.dir"), "log", "server.log");
        long logStart = Files.exists(serverLog) ? Files.size(serverLog) : 0;
        controller.start(CrashRecoveryIT.SERVER, Map.of("javaVmArguments", CrashServer.baseArguments() + " -Dissuehooks.warmup=20s"));

        HttpResponse<String> health = get(CrashServer.URL + "api/health");
        assertThat(health.statusCode()).as("/api/health while warming up").isEqualTo(503);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(health.body()).getString("detail")).contains("warming up", "ISSUEHOOKS_WARMUP");
        HttpResponse<String> ready = get("http://127.0.0.1:10090/health/ready");
        assertThat(ready.statusCode()).as("/health/ready while warming up").isEqualTo(503);
        assertThat(ready.body()).contains("\"warmUp\":\"IN PROGRESS\"");

        Await.healthy(CrashServer.URL, WAIT);
        HttpResponse<String> readyAfter = get("http://127.0.0.1:10090/health/ready");
        assertThat(readyAfter.statusCode()).isEqualTo(200);
        assertThat(readyAfter.body()).contains("\"warmUp\":\"DONE\"");

        // It did run: every kind of work, many times, and none failed; the API calls were answered as real ones.
        String log = writtenSince(serverLog, logStart);
        Matcher done = DONE.matcher(log);
        assertThat(done.find()).as("the warm-up's summary in the server log").isTrue();
        assertThat(Long.parseLong(done.group(1))).as("changes rolled back").isGreaterThan(10);
        assertThat(Long.parseLong(done.group(2))).as("changes failed").isZero();
        assertThat(Long.parseLong(done.group(3))).as("API calls answered 201 and rolled back").isGreaterThan(10);
        assertThat(Long.parseLong(done.group(5))).as("batches of messages sent").isGreaterThan(10);
        assertThat(Long.parseLong(done.group(6))).as("batches failed").isZero();
        assertThat(Long.parseLong(done.group(7))).as("attempts answered by the server's listener").isGreaterThan(10);
        assertThat(Long.parseLong(done.group(8))).as("attempts not answered").isZero();
        assertThat(log).doesNotContain("Warm-up: a rolled-back change failed").doesNotContain("Warm-up: messages")
                .doesNotContain("Warm-up: a rehearsed delivery attempt failed")
                .doesNotContain("Warm-up: rolling back").doesNotContain("[com.arjuna.ats.jta]")
                .as("no transaction warnings (a rollback that went wrong)").doesNotContain("ARJUNA012091")
                .as("no error, in the delivery consumers or elsewhere").doesNotContain(" ERROR [");
        // The delivery consumers took every message of the warm-up, and found nothing to send.
        Await.until(() -> CrashServer.messageCount("Deliveries") == 0, WAIT, "the warm-up's messages consumed");
        long warmUpMessages = CrashServer.messagesAdded("Deliveries");
        assertThat(warmUpMessages).as("the warm-up's messages").isGreaterThan(10);

        // And left nothing behind, also once the server's pooled connections have served real changes (a
        // connection returned with the warm-up's transaction still open would commit it with the next change).
        Fixture f = new Fixture(new URL(CrashServer.URL));
        for (int i = 0; i < 20; i++) {
            f.issue();
        }
        assertThat(count("select count(*) from organization where name = 'warm-up'")).isZero();
        assertThat(count("select count(*) from service_account where name = 'warm-up'")).isZero();
        // Other test servers share this database: only rows the warm-up could have left are counted. Its deliveries
        // and attempts would reference its webhook and event (checked below); an outbox row of it, its event.
        assertThat(count("select count(*) from delivery_outbox o where not exists (select 1 from issue_event e where e.id = o.event_id)"))
                .as("outbox rows of an event that was never committed").isZero();
        assertThat(count("select count(*) from webhook where name = 'warm-up'")).isZero();
        assertThat(count("select count(*) from issue where plugin_id = 'warm-up'")).isZero();
        assertThat(count("select count(*) from issue_event where payload like '%\"pluginId\":\"warm-up\"%'")).isZero();
        assertThat(CrashServer.messageCount("Deliveries")).isZero();
        assertThat(CrashServer.messagesAdded("Deliveries")).as("messages added to Deliveries since the warm-up (the issues above have no webhook)")
                .isEqualTo(warmUpMessages);
        assertThat(CrashServer.preparedBrokerTransactions()).isZero();
        String metrics = get("http://127.0.0.1:10090/prometheus").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("issuehooks_events_published_total{") && l.contains("event=\"issue.created\"")))
                .as("issue.created published: the 20 issues above, none of the warm-up's").singleElement()
                .satisfies(l -> assertThat(l).endsWith(" 20.0"));
        assertThat(metrics.lines().filter(l -> l.startsWith("issuehooks_events_published_total{") && !l.contains("event=\"issue.created\"")))
                .as("other events published").allSatisfy(l -> assertThat(l).endsWith(" 0.0"));
        assertThat(metrics.lines().filter(l -> l.startsWith("issuehooks_delivery_attempts_total{")))
                .as("delivery attempts").allSatisfy(l -> assertThat(l).endsWith(" 0.0"));
    }

    /** The log's text from {@code offset} on; all of it if the file is shorter (a new file since). */
    private static String writtenSince(Path log, long offset) throws Exception {
        byte[] all = Files.readAllBytes(log);
        int from = offset <= all.length ? (int) offset : 0;
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static long count(String sql) {
        return ((Number) Database.query(sql).get(0).values().iterator().next()).longValue();
    }
}
