package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failing endpoints, against the test server's short schedule (ISSUEHOOKS_RETRY_SCHEDULE=0s,1s,2s, a 3 s request
 * timeout, Retry-After capped at 10 s, webhooks disabled after 8 s of failures: see pom.xml).
 */
class RetryIT extends ReceiverTestBase {

    static final Duration WAIT = Duration.ofSeconds(30);


    @Test
    void failuresAreRetriedOnTheScheduleWithTheSameWebhookIdUntilOneSucceeds() {
        String hook = f.webhook(receiver.url("/flaky"), "issue.created").getString("id");
        receiver.sequence("/flaky", Reply.status(500).body("down"), Reply.status(502), Reply.status(204));

        f.issue();

        List<Request> got = receiver.await("/flaky", 3, WAIT);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(got.get(0).header("webhook-id"));
        assertThat(got).extracting(Request::text).containsOnly(got.get(0).text());
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isBetween(Duration.ofMillis(850), Duration.ofMillis(2500));
        assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isBetween(Duration.ofMillis(1750), Duration.ofMillis(3500));
        JsonObject d = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
        assertThat(d.getInt("attemptCount")).isEqualTo(3);
        assertThat(d.getJsonArray("attempts").getValuesAs(JsonObject.class)).extracting(a -> a.getInt("statusCode"))
                .containsExactly(500, 502, 204);
        assertThat(d.getJsonArray("attempts").getJsonObject(0).getString("responseExcerpt")).isEqualTo("down");
        f.awaitSettled();
        assertThat(receiver.requests("/flaky")).as("no attempt after the success").hasSize(3);
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsFailedAndKeptAndRedeliverSendsItAgain() {
        String hook = f.webhook(receiver.url("/broken"), "issue.created").getString("id");
        receiver.on("/broken", r -> Reply.status(500));

        f.issue();

        JsonObject failed = f.awaitDelivery(hook, Fixture.status("failed"), WAIT);
        assertThat(failed.getInt("attemptCount")).isEqualTo(3);
        assertThat(failed.isNull("nextAttemptAt")).isTrue();
        assertThat(failed.getString("lastError")).isEqualTo("HTTP 500");
        f.awaitSettled();
        assertThat(receiver.requests("/broken")).as("no attempt after the last").hasSize(3);

        receiver.on("/broken", r -> Reply.status(200));
        Api.Reply again = f.api.raw("POST", "/api/v1/webhooks/" + hook + "/deliveries/" + failed.getString("id") + "/redeliver",
                f.org.adminKey(), null, null);
        assertThat(again.status()).isEqualTo(202);

        JsonObject redelivered = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
        assertThat(redelivered.getString("id")).isEqualTo(failed.getString("id"));
        assertThat(redelivered.getInt("attemptCount")).isEqualTo(4);
        List<Request> got = receiver.requests("/broken");
        assertThat(got).hasSize(4);
        assertThat(got.get(3).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(f.api.raw("POST", "/api/v1/webhooks/" + hook + "/deliveries/" + failed.getString("id") + "/redeliver",
                f.org.adminKey(), null, null).status()).as("a succeeded delivery may be sent again").isEqualTo(202);
    }

    @Test
    void recoverRedeliversEveryFailedDeliverySinceAGivenTime() {
        String hook = f.webhook(receiver.url("/outage"), "issue.created").getString("id");
        receiver.on("/outage", r -> Reply.status(503));
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            f.issue();
        }
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (f.deliveries(hook).stream().filter(d -> d.getString("status").equals("failed")).count() < 3) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Receiver.sleep(Duration.ofMillis(200));
        }
        receiver.on("/outage", r -> Reply.status(200));

        Api.Reply r = f.api.post("/api/v1/webhooks/" + hook + "/recover", f.org.adminKey(),
                Json.createObjectBuilder().add("since", before.toString()).build());

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().getInt("redelivering")).isEqualTo(3);
        receiver.await("/outage", 12, WAIT);
        long deadline2 = System.currentTimeMillis() + WAIT.toMillis();
        while (!f.deliveries(hook).stream().allMatch(d -> d.getString("status").equals("succeeded"))) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline2);
            Receiver.sleep(Duration.ofMillis(200));
        }
        assertThat(f.api.post("/api/v1/webhooks/" + hook + "/recover", f.org.adminKey(),
                Json.createObjectBuilder().add("since", "yesterday").build()).status()).isEqualTo(400);
    }

    @Test
    void eventsWhileAWebhookIsDisabledAreSkippedAndRecoverSendsThemOnceEnabled() {
        String hook = f.webhook(receiver.url("/off"), "issue.created").getString("id");
        String path = "/api/v1/webhooks/" + hook;
        assertThat(f.api.patch(path, f.org.adminKey(), Json.createObjectBuilder().add("enabled", false).build()).status()).isEqualTo(200);
        Instant before = Instant.now().minusSeconds(1);
        String issue = f.issue();

        // The delivery is recorded at the commit (fan-out in the same transaction), skipped: no request made.
        JsonObject skipped = f.deliveries(hook).get(0);
        assertThat(skipped.getString("status")).isEqualTo("skipped");
        assertThat(skipped.getInt("attemptCount")).isZero();
        assertThat(f.api.get(path + "/deliveries?status=skipped", f.org.adminKey()).json().getJsonArray("data")).hasSize(1);
        Instant after = Instant.now().plusSeconds(1);

        assertThat(f.api.post(path + "/recover", f.org.adminKey(), Json.createObjectBuilder().add("since", before.toString()).build())
                .status()).as("not while disabled").isEqualTo(409);
        assertThat(f.api.patch(path, f.org.adminKey(), Json.createObjectBuilder().add("enabled", true).build()).status()).isEqualTo(200);
        Api.Reply none = f.api.post(path + "/recover", f.org.adminKey(), Json.createObjectBuilder()
                .add("since", before.minusSeconds(60).toString()).add("until", before.toString()).build());
        assertThat(none.json().getInt("redelivering")).as("until excludes it").isZero();
        Api.Reply r = f.api.post(path + "/recover", f.org.adminKey(), Json.createObjectBuilder()
                .add("since", before.toString()).add("until", after.toString()).build());
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().getInt("redelivering")).isEqualTo(1);

        Request got = receiver.await("/off", 1, WAIT).get(0);
        assertThat(got.json().getJsonObject("data").getJsonObject("issue").getString("id")).isEqualTo(issue);
        assertThat(got.header("webhook-id")).isEqualTo(skipped.getString("id"));
        assertThat(f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getInt("attemptCount")).isEqualTo(1);
        assertThat(f.api.post(path + "/recover", f.org.adminKey(), Json.createObjectBuilder().add("since", after.toString())
                .add("until", before.toString()).build()).status()).isEqualTo(400);
    }

    @Test
    void retryAfterOn429IsHonoured() {
        String hook = f.webhook(receiver.url("/limited"), "issue.created").getString("id");
        receiver.sequence("/limited", Reply.status(429).header("Retry-After", "4"), Reply.status(200));

        f.issue();

        List<Request> got = receiver.await("/limited", 2, WAIT);
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).as("4 s asked, the schedule says 1 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(3900));
        f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
    }

    @Test
    void goneDisablesTheWebhookAndEnablingItAgainClearsTheReason() {
        String hook = f.webhook(receiver.url("/gone"), "issue.created", "issue.severity_changed").getString("id");
        receiver.on("/gone", r -> Reply.status(410));
        String issue = f.issue();

        JsonObject failed = f.awaitDelivery(hook, Fixture.status("failed"), WAIT);
        assertThat(failed.getInt("attemptCount")).as("no retry after 410").isEqualTo(1);
        JsonObject webhook = f.webhookState(hook);
        assertThat(webhook.getBoolean("enabled")).isFalse();
        assertThat(webhook.getString("disabledReason")).contains("410");

        f.patchIssue(issue, Json.createObjectBuilder().add("severity", "low").build());
        f.awaitSettled();
        assertThat(receiver.requests("/gone")).as("nothing sent while disabled").hasSize(1);
        assertThat(f.deliveries(hook)).extracting(d -> d.getString("event") + " " + d.getString("status"))
                .as("the change made while disabled is recorded, not sent").containsExactly("issue.severity_changed skipped", "issue.created failed");
        Api.Reply redeliver = f.api.raw("POST", "/api/v1/webhooks/" + hook + "/deliveries/" + failed.getString("id") + "/redeliver",
                f.org.adminKey(), null, null);
        assertThat(redeliver.status()).isEqualTo(409);
        assertThat(redeliver.json().getString("detail")).contains("disabled");

        JsonObject enabled = f.api.patch("/api/v1/webhooks/" + hook, f.org.adminKey(),
                Json.createObjectBuilder().add("enabled", true).build()).json();
        assertThat(enabled.getBoolean("enabled")).isTrue();
        assertThat(enabled.isNull("disabledReason")).isTrue();
    }

    @Test
    void deliveriesButNotTestEventsMarkAWebhookFailingAndASuccessClearsIt() {
        String hook = f.webhook(receiver.url("/sick"), "issue.created").getString("id");
        receiver.on("/sick", r -> Reply.status(500));

        Api.Reply test = f.api.raw("POST", "/api/v1/webhooks/" + hook + "/test", f.org.adminKey(), null, null);
        assertThat(test.json().getString("status")).isEqualTo("failed");
        assertThat(f.webhookState(hook).isNull("failingSince")).as("a test event is not the endpoint's health").isTrue();

        f.issue();
        receiver.await(r -> r.path().equals("/sick") && !r.json().getJsonObject("data").getJsonObject("eventData").containsKey("test"),
                1, WAIT);
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (f.webhookState(hook).isNull("failingSince")) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Receiver.sleep(Duration.ofMillis(100));
        }
        receiver.on("/sick", r -> Reply.status(200));
        f.awaitDelivery(hook, d -> d.getString("event").equals("issue.created") && d.getString("status").equals("succeeded"), WAIT);
        assertThat(f.webhookState(hook).isNull("failingSince")).isTrue();
    }

    @Test
    void redirectsAreNotFollowed() {
        String hook = f.webhook(receiver.url("/moved"), "issue.created").getString("id");
        receiver.on("/moved", r -> Reply.status(302).header("Location", receiver.url("/elsewhere")));

        f.issue();

        JsonObject failed = f.awaitDelivery(hook, Fixture.status("failed"), WAIT);
        assertThat(failed.getJsonArray("attempts").getValuesAs(JsonObject.class)).extracting(a -> a.getInt("statusCode"))
                .containsExactly(302, 302, 302);
        assertThat(receiver.requests("/elsewhere")).isEmpty();
    }

    @Test
    void aSlowEndpointTimesOutAndIsRetried() {
        String hook = f.webhook(receiver.url("/slow"), "issue.created").getString("id");
        receiver.sequence("/slow", Reply.status(200).after(Duration.ofSeconds(6)), Reply.status(200));

        f.issue();

        JsonObject d = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
        JsonObject first = d.getJsonArray("attempts").getJsonObject(0);
        assertThat(first.isNull("statusCode")).isTrue();
        assertThat(first.getString("error")).contains("timed out");
        assertThat(first.getInt("durationMs")).isBetween(2900, 4500);
        assertThat(d.getJsonArray("attempts").getJsonObject(1).getInt("statusCode")).isEqualTo(200);
    }

    @Test
    void aWebhookFailingForTheConfiguredTimeIsDisabledWithTheReasonAndItsPendingDeliveriesFail() {
        String hook = f.webhook(receiver.url("/dead"), "issue.created").getString("id");
        receiver.on("/dead", r -> Reply.status(500));
        Instant start = Instant.now();
        while (f.webhookState(hook).getBoolean("enabled")) {
            assertThat(Duration.between(start, Instant.now())).as("disabled after 8 s of failures").isLessThan(Duration.ofSeconds(30));
            f.issue();
            Receiver.sleep(Duration.ofSeconds(2));
        }
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(f.webhookState(hook).getString("disabledReason")).contains("failed");

        f.awaitSettled(); // what was under way when it was disabled has ended
        int sent = receiver.requests("/dead").size();
        f.issue();
        f.awaitSettled();
        // What was under way when it was disabled failed; what came after is recorded as skipped, for recover.
        assertThat(f.deliveries(hook)).allSatisfy(d -> assertThat(d.getString("status")).isIn("failed", "skipped"));
        assertThat(f.deliveries(hook).get(0).getString("status")).as("the newest, made while disabled").isEqualTo("skipped");
        assertThat(receiver.requests("/dead")).as("nothing sent while disabled").hasSize(sent);

        JsonObject enabled = f.api.patch("/api/v1/webhooks/" + hook, f.org.adminKey(),
                Json.createObjectBuilder().add("enabled", true).build()).json();
        assertThat(enabled.isNull("disabledReason")).isTrue();
    }
}
