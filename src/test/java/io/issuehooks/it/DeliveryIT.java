package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver;
import io.issuehooks.testsupport.Receiver.Request;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Fan-out, payload, headers, signatures, order and the delivery log, against a real HTTP receiver. */
class DeliveryIT extends ReceiverTestBase {

    static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void eachEventGoesToEveryEnabledSubscribedWebhookOfTheIssuesTeamOrNoTeam() {
        String red = f.tenants.team(f.org, "red");
        String blue = f.tenants.team(f.org, "blue");
        f.webhook(receiver.url("/all"));
        f.webhook(receiver.url("/status-only"), "issue.status_changed");
        f.teamWebhook(receiver.url("/red"), red);
        f.teamWebhook(receiver.url("/blue"), blue);
        String disabled = f.webhook(receiver.url("/disabled")).getString("id");
        f.api.patch("/api/v1/webhooks/" + disabled, f.org.adminKey(), Json.createObjectBuilder().add("enabled", false).build());
        Fixture other = new Fixture(base);
        other.webhook(receiver.url("/other-org"));

        String issue = f.issue(Json.createObjectBuilder().add("pluginId", "p").add("severity", "low").add("teamId", red));
        f.patchIssue(issue, Json.createObjectBuilder().add("status", "fixed").build());

        assertThat(receiver.await("/all", 2, WAIT)).extracting(r -> r.json().getString("event"))
                .containsExactly("issue.created", "issue.status_changed");
        assertThat(receiver.await("/red", 2, WAIT)).extracting(r -> r.json().getString("event"))
                .containsExactly("issue.created", "issue.status_changed");
        assertThat(receiver.await("/status-only", 1, WAIT).get(0).json().getString("event")).isEqualTo("issue.status_changed");
        f.awaitSettled();
        assertThat(receiver.requests("/status-only")).hasSize(1);
        assertThat(receiver.requests("/blue")).isEmpty();
        assertThat(receiver.requests("/disabled")).isEmpty();
        assertThat(receiver.requests("/other-org")).isEmpty();
    }

    @Test
    void filtersRouteByTheIssueAsTheEventShowsItAndAreMergedByPatch() {
        String urgent = filterWebhook("/urgent", "{\"minSeverity\":\"high\",\"statuses\":[\"open\"]}");
        filterWebhook("/harmful", "{\"pluginIds\":[\"harmful:\"]}");
        filterWebhook("/severity-updates", "{\"changed\":[\"severity\"]}");

        String low = f.issue(Json.createObjectBuilder().add("pluginId", "harmful:hate").add("severity", "low"));
        String high = f.issue(Json.createObjectBuilder().add("pluginId", "pii:direct").add("severity", "high"));
        f.patchIssue(high, Json.createObjectBuilder().add("status", "fixed").add("targetId", "t1").build()); // issue.updated, fixed
        f.patchIssue(low, Json.createObjectBuilder().add("severity", "critical").add("weakness", "w").build()); // issue.updated

        assertThat(receiver.await("/urgent", 2, WAIT)).extracting(r -> r.json().getString("event") + " "
                + r.json().getJsonObject("data").getJsonObject("issue").getString("id"))
                .containsExactlyInAnyOrder("issue.created " + high, "issue.updated " + low);
        assertThat(receiver.await("/harmful", 2, WAIT)).extracting(r -> r.json().getJsonObject("data").getJsonObject("issue").getString("id"))
                .containsExactly(low, low);
        assertThat(receiver.await("/severity-updates", 3, WAIT)).extracting(r -> r.json().getString("event"))
                .as("created passes, the update without a severity change does not")
                .containsExactlyInAnyOrder("issue.created", "issue.created", "issue.updated");
        f.awaitSettled();
        assertThat(receiver.requests("/urgent")).hasSize(2);
        assertThat(f.deliveries(urgent)).as("an event that does not match makes no delivery").hasSize(2);

        // A merge patch changes one condition and keeps the others; null removes one.
        Api.Reply patched = f.api.patch("/api/v1/webhooks/" + urgent, f.org.adminKey(), Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add("minSeverity", "critical").addNull("statuses")).build());
        assertThat(patched.json().getJsonObject("filter").toString()).isEqualTo("{\"minSeverity\":\"critical\"}");
        Api.Reply bad = f.api.patch("/api/v1/webhooks/" + urgent, f.org.adminKey(), Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add("severities", Json.createArrayBuilder().add("urgent"))).build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("detail")).startsWith("filter.severities: 'urgent' is not one of");
        assertThat(f.webhookState(urgent).getJsonObject("filter").toString()).as("unchanged").isEqualTo("{\"minSeverity\":\"critical\"}");
    }

    @Test
    void customHeadersAreSentWithEveryDeliveryAndShownOnlyOnceInClear() {
        Api.Reply created = f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder().add("url", receiver.url("/siem"))
                .add("name", "siem").add("events", Json.createArrayBuilder().add("issue.created"))
                .add("headers", Json.createObjectBuilder().add("Authorization", "Splunk 5f3c-token").add("X-Team", "red")).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getJsonObject("headers").getString("Authorization")).isEqualTo("Splunk 5f3c-token");
        String hook = created.json().getString("id");
        JsonObject shown = f.webhookState(hook).getJsonObject("headers");
        assertThat(shown.getString("Authorization")).isEqualTo("********");
        assertThat(shown.getString("X-Team")).isEqualTo("********");

        f.issue();
        Request got = receiver.await("/siem", 1, WAIT).get(0);
        assertThat(got.header("Authorization")).isEqualTo("Splunk 5f3c-token");
        assertThat(got.header("X-Team")).isEqualTo("red");
        assertThat(got.header("X-Promptfoo-Signature")).as("the product's own headers stay").isNotNull();
        JsonObject attempt = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getJsonArray("attempts").getJsonObject(0);
        assertThat(attempt.getJsonObject("requestHeaders").getString("Authorization")).as("masked in the log").isEqualTo("********");
        assertThat(attempt.toString()).doesNotContain("5f3c-token");

        // A merge patch removes one header and keeps the other's value, which the client never saw again.
        Api.Reply patched = f.api.patch("/api/v1/webhooks/" + hook, f.org.adminKey(), Json.createObjectBuilder()
                .add("headers", Json.createObjectBuilder().addNull("X-Team")).build());
        assertThat(patched.json().getJsonObject("headers").keySet()).containsExactly("Authorization");
        f.issue();
        Request second = receiver.await("/siem", 2, WAIT).get(1);
        assertThat(second.header("Authorization")).isEqualTo("Splunk 5f3c-token");
        assertThat(second.header("X-Team")).isNull();

        assertHeadersRefused(Json.createObjectBuilder().add("Host", "evil.example"), "headers.Host");
        assertHeadersRefused(Json.createObjectBuilder().add("webhook-signature", "v1,forged"), "headers.webhook-signature");
        assertHeadersRefused(Json.createObjectBuilder().add("X-Evil", "a\r\nInjected: yes"), "headers.X-Evil");
        assertHeadersRefused(Json.createObjectBuilder().add("X-Masked", "********"), "headers.X-Masked");
        assertHeadersRefused(Json.createObjectBuilder().add("Bad Name", "x"), "headers");
        jakarta.json.JsonObjectBuilder many = Json.createObjectBuilder();
        for (int i = 0; i < 21; i++) {
            many.add("X-H" + i, "v");
        }
        assertHeadersRefused(many, "headers");
    }

    private void assertHeadersRefused(jakarta.json.JsonObjectBuilder headers, String field) {
        Api.Reply r = f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder().add("url", receiver.url("/x"))
                .add("name", "x").add("events", Json.createArrayBuilder().add("issue.created")).add("headers", headers).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("detail")).as(r.toString()).startsWith(field + ":");
    }

    private String filterWebhook(String path, String filter) {
        Api.Reply r = f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder().add("url", receiver.url(path))
                .add("name", path).add("events", Json.createArrayBuilder().add("issue.created").add("issue.updated"))
                .add("filter", Json.createReader(new java.io.StringReader(filter)).readObject()).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("id");
    }

    @Test
    void theBodyIsTheDocumentedEnvelopeWithTheIssueAsCommittedAndBothSignaturesVerify() throws Exception {
        JsonObject hook = f.webhook(receiver.url("/siem"));
        String secret = hook.getString("secret");
        Api.Reply create = f.api.post("/api/v1/issues", f.org.adminKey(),
                Json.createObjectBuilder().add("pluginId", "pii").add("severity", "medium").build());
        assertThat(create.status()).as(create.toString()).isEqualTo(201);
        String issue = create.json().getString("id");
        JsonObject committed = f.patchIssue(issue, Json.createObjectBuilder().add("status", "fixed").add("severity", "low").build());
        f.patchIssue(issue, Json.createObjectBuilder().add("status", "ignored").build());

        List<Request> got = receiver.await("/siem", 3, WAIT);
        assertThat(got.get(0).json().getJsonObject("data").getJsonObject("issue")).as("the created issue, as the API answered")
                .isEqualTo(create.json());
        Request updated = got.get(1);
        JsonObject body = updated.json();
        assertThat(body.keySet()).containsExactly("event", "timestamp", "data");
        assertThat(body.getString("event")).isEqualTo("issue.updated");
        assertThat(body.getJsonObject("data").getJsonObject("issue")).as("the issue as that change committed it").isEqualTo(committed);
        assertThat(body.getJsonObject("data").getJsonObject("eventData").getJsonArray("changes").getValuesAs(JsonString::getString))
                .containsExactly("status changed to fixed", "severity changed to low");
        String adminId = f.api.get("/api/v1/service-accounts", f.org.adminKey()).json().getJsonArray("data").getJsonObject(0).getString("id");
        assertThat(body.getJsonObject("data").getString("userId")).isEqualTo(adminId);
        assertThat(body.getString("timestamp")).isEqualTo(committed.getString("updatedAt"));

        assertThat(updated.header("content-type")).isEqualTo("application/json");
        assertThat(updated.header("user-agent")).startsWith("Issuehooks/");
        assertThat(updated.header("x-webhook-id")).isEqualTo(hook.getString("id"));
        assertThat(updated.header("x-promptfoo-signature")).isEqualTo(hex(hmac(secret.getBytes(StandardCharsets.UTF_8), updated.body())));
        String id = updated.header("webhook-id");
        long ts = Long.parseLong(updated.header("webhook-timestamp"));
        assertThat(ts).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(updated.header("webhook-signature")).isEqualTo("v1," + standard(secret, id, ts, updated.body()));
        assertThat(got).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();

        JsonObject logged = f.delivery(hook.getString("id"), id);
        assertThat(logged.getString("event")).isEqualTo("issue.updated");
        assertThat(logged.getString("body")).isEqualTo(updated.text());
        JsonObject sentHeaders = logged.getJsonArray("attempts").getJsonObject(0).getJsonObject("requestHeaders");
        assertThat(sentHeaders.getString("X-Promptfoo-Signature")).isEqualTo(updated.header("x-promptfoo-signature"));
        assertThat(sentHeaders.getString("webhook-signature")).isEqualTo(updated.header("webhook-signature"));
    }

    @Test
    void afterRegenerateSecretTheNewSecretSignsAndWebhookSignatureCarriesBothDuringTheGracePeriod() throws Exception {
        JsonObject hook = f.webhook(receiver.url("/rotating"));
        String oldSecret = hook.getString("secret");
        String newSecret = f.api.post("/api/v1/webhooks/" + hook.getString("id") + "/regenerate-secret", f.org.adminKey(), "")
                .json().getString("secret");

        f.issue();

        Request r = receiver.await("/rotating", 1, WAIT).get(0);
        assertThat(r.header("x-promptfoo-signature")).isEqualTo(hex(hmac(newSecret.getBytes(StandardCharsets.UTF_8), r.body())));
        long ts = Long.parseLong(r.header("webhook-timestamp"));
        String id = r.header("webhook-id");
        assertThat(r.header("webhook-signature").split(" ")).containsExactly(
                "v1," + standard(newSecret, id, ts, r.body()), "v1," + standard(oldSecret, id, ts, r.body()));
    }

    @Test
    void deliveriesToOneWebhookAboutOneIssueArriveInCommitOrder() {
        f.webhook(receiver.url("/ordered"));
        String issue = f.issue();
        List<String> severities = List.of("critical", "medium", "low", "high", "medium", "critical", "low", "high");
        for (String severity : severities) {
            f.patchIssue(issue, Json.createObjectBuilder().add("severity", severity).build());
        }

        List<Request> got = receiver.await("/ordered", severities.size() + 1, WAIT);
        assertThat(got.subList(1, got.size())).extracting(r -> r.json().getJsonObject("data").getJsonObject("issue").getString("severity"))
                .containsExactlyElementsOf(severities);
        assertThat(got).extracting(r -> r.json().getJsonObject("data").getJsonObject("issue").getJsonArray("history").size())
                .isSorted();
    }

    @Test
    void aTestEventIsSentAtOnceSignedAndLogged() throws Exception {
        JsonObject hook = f.webhook(receiver.url("/test"));

        Api.Reply r = f.api.raw("POST", "/api/v1/webhooks/" + hook.getString("id") + "/test", f.org.adminKey(),
                "application/json", "{\"event\":\"issue.status_changed\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().getString("status")).isEqualTo("succeeded");
        assertThat(r.json().getJsonArray("attempts").getJsonObject(0).getInt("statusCode")).isEqualTo(200);
        Request got = receiver.await("/test", 1, Duration.ofSeconds(1)).get(0);
        assertThat(got.json().getString("event")).isEqualTo("issue.status_changed");
        assertThat(got.json().getJsonObject("data").getJsonObject("eventData").getBoolean("test")).isTrue();
        assertThat(got.header("x-promptfoo-signature")).isEqualTo(
                hex(hmac(hook.getString("secret").getBytes(StandardCharsets.UTF_8), got.body())));
        assertThat(f.deliveries(hook.getString("id"))).extracting(d -> d.getString("id")).contains(r.json().getString("id"));
        assertThat(f.api.raw("POST", "/api/webhooks/" + hook.getString("id") + "/test", f.org.adminKey(), null, null).status())
                .isEqualTo(200);
        assertThat(f.api.raw("POST", "/api/v1/webhooks/" + hook.getString("id") + "/test", f.org.adminKey(),
                "application/json", "{\"event\":\"issue.deleted\"}").status()).isEqualTo(400);
    }

    @Test
    void theDeliveryLogFiltersAndIsPrivateToTheOrganisation() {
        String hook = f.webhook(receiver.url("/log")).getString("id");
        receiver.on("/log", r -> r.json().getString("event").equals("issue.created")
                ? Receiver.Reply.status(200) : Receiver.Reply.status(400).body("nope"));
        String issue = f.issue();
        f.patchIssue(issue, Json.createObjectBuilder().add("status", "fixed").build());
        f.awaitDelivery(hook, d -> d.getString("status").equals("failed"), WAIT);

        List<JsonObject> failed = f.api.get("/api/v1/webhooks/" + hook + "/deliveries?status=failed", f.org.adminKey())
                .json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getString("event")).isEqualTo("issue.status_changed");
        assertThat(failed.get(0).getJsonArray("attempts")).hasSize(3);
        assertThat(failed.get(0).getJsonArray("attempts").getJsonObject(0).getString("responseExcerpt")).isEqualTo("nope");
        List<JsonObject> created = f.api.get("/api/webhooks/" + hook + "/deliveries?event=issue.created", f.org.adminKey())
                .json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(created).extracting(d -> d.getString("status")).containsExactly("succeeded");
        assertThat(f.api.get("/api/v1/webhooks/" + hook + "/deliveries?status=lost", f.org.adminKey()).status()).isEqualTo(400);

        Fixture other = new Fixture(base);
        assertThat(other.api.get("/api/v1/webhooks/" + hook + "/deliveries", other.org.adminKey()).status()).isEqualTo(404);
        assertThat(other.api.get("/api/v1/webhooks/" + hook + "/deliveries/" + failed.get(0).getString("id"), other.org.adminKey()).status())
                .isEqualTo(404);
        assertThat(other.api.raw("POST", "/api/v1/webhooks/" + hook + "/deliveries/" + failed.get(0).getString("id") + "/redeliver",
                other.org.adminKey(), null, null).status()).isEqualTo(404);
        String member = f.tenants.key(f.org, "member", null);
        assertThat(f.api.get("/api/v1/webhooks/" + hook + "/deliveries", member).status()).isEqualTo(403);
    }

    static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String standard(String secret, String id, long timestamp, byte[] body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return Base64.getEncoder().encodeToString(hmac(key, signed));
    }
}
