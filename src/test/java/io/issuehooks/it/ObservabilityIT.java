package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.NodeReceiver;
import io.issuehooks.testsupport.Receiver.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an operator scrapes and probes on the management interface: the Prometheus endpoint, parsed by a real
 * Prometheus text-format parser (npm parse-prometheus-text-format, src/test/node/parse-metrics.js), moves by
 * exactly what was delivered; MicroProfile Health answers ready with the database and the broker named.
 */
class ObservabilityIT extends ReceiverTestBase {

    static final String MANAGEMENT = "http://127.0.0.1:9990";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final java.util.Set<String> WHERE = java.util.Set.of("app", "deployment", "subdeployment", "WF_DEPLOYMENT");

    @Test
    void theScrapeCountsEventsAttemptsByOutcomeAndLatencies() throws Exception {
        String ok = f.webhook(receiver.url("/ok"), "issue.created").getString("id");
        // 500, not 503: a 503 pauses the webhook for a second (WebhookLanes), and nine paused attempts would take
        // about as long as the tests' ISSUEHOOKS_DISABLE_AFTER (8 s), after which the rest are abandoned unsent.
        receiver.on("/fail", r -> Reply.status(500));
        String failing = f.webhook(receiver.url("/fail"), "issue.created").getString("id");
        Map<String, Double> before = scrape();

        for (int i = 0; i < 3; i++) {
            f.issue();
        }
        // Three events to two webhooks: three successes; three deliveries failing all three attempts of the tests'
        // retry schedule (0s, 1s, 2s), nine 500s. Counted once every outcome is recorded.
        receiver.await("/ok", 3, WAIT);
        await(() -> f.deliveries(ok).stream().allMatch(Fixture.status("succeeded")) && f.deliveries(ok).size() == 3
                && f.deliveries(failing).size() == 3 && f.deliveries(failing).stream().allMatch(Fixture.status("failed")));

        Map<String, Double> after = scrape();
        // The delivery log first: fewer than nine there means the webhook was disabled and the rest abandoned
        // unsent (the machine stalled for seconds), not a counting error in the scrape.
        int failedAttempts = f.deliveries(failing).stream().mapToInt(d -> d.getInt("attemptCount")).sum();
        assertThat(failedAttempts).as("attempts of the failing webhook, in its delivery log").isEqualTo(9);
        assertThat(delta(before, after, "issuehooks_events_published_total{event=\"issue.created\"}")).isEqualTo(3);
        assertThat(delta(before, after, "issuehooks_delivery_attempts_total{outcome=\"2xx\"}")).isEqualTo(3);
        assertThat(delta(before, after, "issuehooks_delivery_attempts_total{outcome=\"non_2xx\"}")).isEqualTo(9);
        assertThat(delta(before, after, "issuehooks_delivery_attempts_total{outcome=\"timeout\"}")).isZero();
        assertThat(delta(before, after, "issuehooks_delivery_attempt_duration_seconds_count")).isEqualTo(12);
        assertThat(delta(before, after, "issuehooks_delivery_latency_seconds_count")).as("first attempts that succeeded").isEqualTo(3);
        // The buckets percentiles are taken from: every observation under +Inf, each bucket holding the ones below it.
        assertThat(delta(before, after, "issuehooks_delivery_attempt_duration_buckets_total{le=\"+Inf\"}")).isEqualTo(12);
        assertThat(delta(before, after, "issuehooks_delivery_latency_buckets_total{le=\"+Inf\"}")).isEqualTo(3);
        assertThat(delta(before, after, "issuehooks_delivery_latency_buckets_total{le=\"60.0\"}")).as("a loopback delivery within a minute").isEqualTo(3);
        for (String name : new String[] {"issuehooks_delivery_attempt_duration_buckets_total", "issuehooks_delivery_latency_buckets_total"}) {
            double previous = 0;
            for (String le : new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0", "300.0", "+Inf"}) {
                double count = after.get(name + "{le=\"" + le + "\"}");
                assertThat(count).as("%s at le=%s", name, le).isGreaterThanOrEqualTo(previous);
                previous = count;
            }
        }
        assertThat(after.get("issuehooks_webhooks_failing")).isGreaterThanOrEqualTo(1);
        assertThat(after).containsKey("issuehooks_webhooks_disabled");
        // Waiting and dead-lettered deliveries: the messaging subsystem's own queue metrics.
        for (String queue : new String[] {"Deliveries", "DeliveriesDLQ", "IssueEvents", "IssueEventsDLQ"}) {
            assertThat(after).containsKey("messaging_activemq_message_count{name=\"" + queue + "\",type=\"jms-queue\"}");
        }
        // No label carries a webhook, a URL or an organisation.
        assertThat(after.keySet()).filteredOn(k -> k.startsWith("issuehooks_"))
                .noneMatch(k -> k.contains(ok) || k.contains(failing) || k.contains("127.0.0.1") || k.contains(f.org.id()));
    }

    @Test
    void readinessNamesTheDatabaseAndTheBroker() throws Exception {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonObject body = Json.createReader(new StringReader(ready.body())).readObject();
        assertThat(body.getString("status")).isEqualTo("UP");
        JsonObject check = body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("issuehooks")).findFirst().orElseThrow();
        assertThat(check.getJsonObject("data").getString("database")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").getString("broker")).isEqualTo("UP");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** The scrape, parsed by the Node.js parser: series (name with its labels, sorted) to value. */
    static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Process node = new ProcessBuilder(NodeReceiver.findNode().orElseThrow().toString(),
                NodeReceiver.nodeDir().resolve("parse-metrics.js").toString()).start();
        node.getOutputStream().write(r.body().getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        String json = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String error = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("the parser's verdict on the scrape: %s", error).isZero();
        Map<String, Double> series = new HashMap<>();
        for (JsonObject family : Json.createReader(new StringReader(json)).readArray().getValuesAs(JsonObject.class)) {
            String name = family.getString("name");
            for (JsonObject m : family.getJsonArray("metrics").getValuesAs(JsonObject.class)) {
                String labels = labels(m.getJsonObject("labels"));
                if (m.containsKey("value")) {
                    series.put(name + labels, Double.parseDouble(m.getString("value")));
                } else { // a summary or a histogram: its count and sum
                    series.put(name + "_count" + labels, Double.parseDouble(m.getString("count")));
                    series.put(name + "_sum" + labels, Double.parseDouble(m.getString("sum")));
                }
            }
        }
        return series;
    }

    private static String labels(JsonObject labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        // WildFly tags every meter with where it comes from (app, deployment, subdeployment, WF_DEPLOYMENT): not what it counts.
        StringBuilder b = new StringBuilder("{");
        labels.keySet().stream().filter(k -> !WHERE.contains(k)).sorted()
                .forEach(k -> b.append(b.length() > 1 ? "," : "").append(k).append("=\"").append(labels.getString(k)).append('"'));
        return b.length() == 1 ? "" : b.append('}').toString();
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("the scrape has %s", series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Await.until(condition, WAIT, "every outcome was recorded");
    }

}
