package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deliveries never reach internal addresses. The test server allows only 127.0.0.1 (ISSUEHOOKS_ALLOWED_NETWORKS)
 * and resolves names from src/test/resources/it-hosts, where rebind.test is 127.0.0.2 and private.test 10.1.2.3.
 * The receiver listens on every loopback address, so a delivery the guard let through would arrive.
 */
class SsrfIT extends ReceiverTestBase {


    @Override
    String receiverAddress() {
        return "0.0.0.0";
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.2:%d/x", "http://10.1.2.3/x", "http://192.168.1.1/x", "http://[::1]:%d/x",
            "http://169.254.169.254/latest/meta-data", "http://[::ffff:127.0.0.2]:%d/x", "http://100.64.0.1/x",
            "http://0.0.0.0:%d/x", "http://[fe80::1]/x", "http://2130706434:%d/x", "http://224.0.0.1/x"})
    void aWebhookUrlWithARefusedLiteralAddressIs400(String template) {
        Api.Reply r = f.api.post("/api/v1/webhooks", f.org.adminKey(), Json.createObjectBuilder()
                .add("url", String.format(template, receiver.port())).add("name", "internal")
                .add("events", Json.createArrayBuilder().add("issue.created")).build());

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().getString("detail")).startsWith("url:");
        assertThat(f.api.get("/api/v1/webhooks", f.org.adminKey()).json().getJsonArray("data")).isEmpty();
    }

    @Test
    void aHostNameThatResolvesToARefusedAddressIsAFailedAttemptAndNothingIsSent() {
        String rebind = f.webhook("http://rebind.test:" + receiver.port() + "/hook", "issue.created").getString("id");
        String internal = f.webhook("http://private.test/hook", "issue.created").getString("id");

        f.issue();

        JsonObject refused = f.awaitDelivery(rebind, Fixture.status("failed"), Duration.ofSeconds(30));
        assertThat(refused.getInt("attemptCount")).isEqualTo(3);
        JsonObject attempt = refused.getJsonArray("attempts").getJsonObject(0);
        assertThat(attempt.isNull("statusCode")).isTrue();
        assertThat(attempt.getString("error")).contains("refused destination").contains("127.0.0.2");
        assertThat(f.awaitDelivery(internal, Fixture.status("failed"), Duration.ofSeconds(30))
                .getJsonArray("attempts").getJsonObject(0).getString("error")).contains("10.1.2.3");
        assertThat(receiver.all()).isEmpty();
    }

    @Test
    void anAllowedAddressIsReached() {
        f.webhook("http://127.0.0.1:" + receiver.port() + "/allowed", "issue.created");

        f.issue();

        assertThat(receiver.await("/allowed", 1, Duration.ofSeconds(20))).hasSize(1);
    }
}
