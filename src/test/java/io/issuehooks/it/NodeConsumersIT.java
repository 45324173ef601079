package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.NodeReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real consumers in Node.js verify real deliveries: the public documentation's snippet exactly as it is
 * printed (src/test/node/spec-snippet.js, with only the secret filled in) and the standardwebhooks library,
 * whatever text the issue holds.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NodeConsumersIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** Quotes, backslashes, every control character but U+0000, line and paragraph separators, DEL, a BOM,
     * right-to-left and combining marks, emoji and other non-BMP characters, markup, and JSON inside JSON. */
    static final String HOSTILE;

    static {
        StringBuilder s = new StringBuilder("\"quoted\" \\back\\slash\\ /slash/ ");
        for (char c = 1; c < 0x20; c++) {
            s.append(c);
        }
        s.append("\u2028\u2029\u007f\ufeff \u202eRTL\u202c e\u0301 \uD83D\uDE00\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 \uD834\uDD1E ");
        s.append("</script><script>alert(1)</script> {\"event\":\"fake\"} \\u0000 \\\" ü ß 中文 العربية");
        HOSTILE = s.toString();
    }

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(base);
    }

    @Test
    void theDocumentedSnippetAndStandardWebhooksVerifyDeliveriesOfHostileText() {
        try (NodeReceiver spec = NodeReceiver.start("not-yet"); NodeReceiver standard = NodeReceiver.start("not-yet")) {
            JsonObject specHook = f.webhook(spec.specEndpoint().toString());
            JsonObject standardHook = f.webhook(standard.standardWebhooksEndpoint().toString());
            spec.rotateSecret(specHook.getString("secret"));
            standard.rotateSecret(standardHook.getString("secret"));

            String issue = f.issue(Json.createObjectBuilder().add("pluginId", HOSTILE).add("severity", "high")
                    .add("targetId", "t " + HOSTILE).add("weakness", HOSTILE));
            f.patchIssue(issue, Json.createObjectBuilder().add("providerId", "p " + HOSTILE).add("status", "fixed").build());
            String longComment = (HOSTILE + "\n").repeat(60);
            assertThat(f.api.post("/api/v1/issues/" + issue + "/comments", f.org.adminKey(),
                    Json.createObjectBuilder().add("body", longComment).build()).status()).isEqualTo(201);

            List<JsonObject> verified = spec.awaitRequests(NodeReceiver.route(NodeReceiver.SPEC_ROUTE), 3, WAIT);
            assertThat(verified).allSatisfy(r -> {
                assertThat(r.getInt("status")).as(r.toString()).isEqualTo(200);
                assertThat(r.getBoolean("reproduced")).isTrue();
            });
            assertThat(verified).extracting(r -> r.getString("event"))
                    .containsExactly("issue.created", "issue.updated", "issue.comment_added");
            assertThat(verified.get(2).getString("rawBody")).contains("\\u001f").contains("\u2028").contains("\uD83D\uDE00");
            assertThat(verified.get(2).getString("rawBody").length()).isGreaterThan(longComment.length());

            List<JsonObject> standardVerified = standard.awaitRequests(NodeReceiver.route(NodeReceiver.STANDARD_WEBHOOKS_ROUTE), 3, WAIT);
            assertThat(standardVerified).allSatisfy(r -> assertThat(r.getInt("status")).as(r.toString()).isEqualTo(200));

            // The receiver answers before the outcome is recorded: wait for the log to show all three finished.
            List<JsonObject> logged = Await.value(() -> f.deliveries(specHook.getString("id")),
                    list -> list.size() == 3 && list.stream().noneMatch(d -> d.getString("status").equals("pending")), WAIT,
                    "the three deliveries were recorded");
            for (JsonObject d : logged) {
                assertThat(d.getString("status")).isEqualTo("succeeded");
                assertThat(d.getJsonArray("attempts").getJsonObject(0).getString("responseExcerpt")).isEqualTo("Webhook received");
            }
        }
    }

    @Test
    void afterARotationTheConsumerWithTheNewSecretVerifiesAtOnce() {
        try (NodeReceiver spec = NodeReceiver.start("not-yet")) {
            JsonObject hook = f.webhook(spec.specEndpoint().toString(), "issue.created");
            String rotated = f.api.post("/api/v1/webhooks/" + hook.getString("id") + "/regenerate-secret", f.org.adminKey(), "")
                    .json().getString("secret");
            spec.rotateSecret(rotated);

            f.issue();

            JsonObject r = spec.awaitRequest(NodeReceiver.route(NodeReceiver.SPEC_ROUTE), WAIT);
            assertThat(r.getInt("status")).isEqualTo(200);

            spec.rotateSecret(hook.getString("secret"));
            f.issue();
            List<JsonObject> both = spec.awaitRequests(NodeReceiver.route(NodeReceiver.SPEC_ROUTE), 2, WAIT);
            assertThat(both.get(1).getInt("status")).as("the old secret no longer verifies X-Promptfoo-Signature").isEqualTo(401);
        }
    }
}
