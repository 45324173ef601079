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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A slow endpoint and a rate-limiting one beside a fast one: the fast one's deliveries are not held back, the
 * slow one never has more than its share of requests open (ISSUEHOOKS_WEBHOOK_CONCURRENCY is 2 for the tests),
 * the rate-limited one is never sent more than its limit, and an endpoint that answers 429 is left alone for as
 * long as it asks.
 */
class IsolationIT extends ReceiverTestBase {

    static final Duration SLOW = Duration.ofMillis(2500); // under the tests' 3 s request timeout: slow, not failing
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSlowAndARateLimitedEndpointHoldBackNoOtherWebhook() {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        receiver.on("/slow", r -> {
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            Receiver.sleep(SLOW);
            open.decrementAndGet();
            return Reply.status(200);
        });
        Deque<Instant> lastSecond = new ArrayDeque<>();
        AtomicInteger refused = new AtomicInteger();
        receiver.on("/limited", r -> {
            synchronized (lastSecond) {
                while (!lastSecond.isEmpty() && lastSecond.peekFirst().isBefore(r.at().minusSeconds(1))) {
                    lastSecond.removeFirst();
                }
                if (lastSecond.size() >= 3) { // 2 a second, and one in hand: what a limit of 2 may send
                    refused.incrementAndGet();
                    return Reply.status(429).header("Retry-After", "1");
                }
                lastSecond.addLast(r.at());
                return Reply.status(200);
            }
        });
        f.webhook(receiver.url("/slow"), "issue.created", "issue.status_changed");
        Api.Reply limited = f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder()
                .add("url", receiver.url("/limited")).add("name", "limited").add("rateLimit", 2)
                .add("events", Json.createArrayBuilder().add("issue.created").add("issue.status_changed")).build());
        assertThat(limited.status()).as(limited.toString()).isEqualTo(201);
        assertThat(limited.json().getInt("rateLimit")).isEqualTo(2);
        f.webhook(receiver.url("/fast"), "issue.created", "issue.status_changed");

        // Seven events about one issue: with the slow endpoint in their batches, each would wait for it (an issue's
        // deliveries are made in order), and the seventh would reach the fast endpoint some 15 s late.
        String issue = f.issue();
        for (int i = 0; i < 6; i++) {
            f.patchIssue(issue, Json.createObjectBuilder().add("status", i % 2 == 0 ? "fixed" : "open").build());
        }
        Instant lastChange = Instant.now();

        List<Request> fast = receiver.await("/fast", 7, WAIT);
        assertThat(Duration.between(lastChange, fast.get(6).at())).as("the fast endpoint's last delivery")
                .isLessThan(SLOW.multipliedBy(2));
        assertThat(fast).extracting(r -> r.json().getJsonObject("data").getJsonObject("issue").getJsonArray("history").size())
                .as("in order").containsExactly(1, 2, 3, 4, 5, 6, 7);
        List<Request> limitedRequests = receiver.await("/limited", 7, WAIT);
        assertThat(refused).as("requests beyond the limit the webhook declares").hasValue(0);
        assertThat(Duration.between(limitedRequests.get(0).at(), limitedRequests.get(6).at()))
                .as("seven requests at two a second").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        receiver.await("/slow", 7, WAIT);
        assertThat(mostOpen).as("requests open at once to the slow endpoint").hasValueLessThanOrEqualTo(2);
    }

    @Test
    void anEndpointThatAnswers429IsSentNothingForAsLongAsItAsks() {
        receiver.sequence("/busy", Reply.status(429).header("Retry-After", "3"), Reply.status(200));
        String hook = f.webhook(receiver.url("/busy"), "issue.created").getString("id");

        f.issue();
        Instant refused = receiver.await("/busy", 1, WAIT).get(0).at();
        f.issue(); // its first attempt is due at once, but the webhook asked for three seconds' rest

        List<Request> got = receiver.await("/busy", 3, WAIT);
        assertThat(Duration.between(refused, got.get(1).at())).as("the next request").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        JsonObject delivered = f.awaitDelivery(hook, d -> d.getString("status").equals("succeeded") && d.getInt("attemptCount") == 1, WAIT);
        assertThat(delivered.getJsonArray("attempts")).as("held back, not failed: one attempt").hasSize(1);
    }
}
