package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops and starts again while deliveries are under way. A retry that finds no database is handed out
 * again by the broker until the database answers; a first attempt made by the committing server (direct delivery)
 * whose outcome cannot be recorded goes to the Deliveries queue, its outbox row with it, and is made again there.
 * Either way the delivery arrives, with the same webhook-id, and the API answers again. Needs the local PostgreSQL
 * cluster tools (pg_ctlcluster, as on the CI machine); the database is started again even when the test fails.
 */
class DatabaseRestartIT extends ReceiverTestBase {

    static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aDeliveryWaitingWhileTheDatabaseRestartsArrivesAndTheApiRecovers() throws Exception {
        receiver.sequence("/restart", Reply.status(500), Reply.status(200));
        String hook = f.webhook(receiver.url("/restart"), "issue.created").getString("id");

        f.issue();
        receiver.await("/restart", 1, WAIT); // failed: its retry is due a second later
        // Once that outcome is committed (before it, a database outage would only make the first attempt be made again).
        f.awaitDelivery(hook, d -> d.getInt("attemptCount") >= 1, WAIT);
        try {
            postgres("stop");
            Thread.sleep(5_000); // the retry falls due, and finds no database
        } finally {
            postgres("start");
        }

        List<Request> got = receiver.await("/restart", 2, WAIT);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        awaitApi();
        JsonObject delivered = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
        assertThat(delivered.getInt("attemptCount")).isEqualTo(2);
        f.issue();
        receiver.await("/restart", 3, WAIT);
    }

    @Test
    void aFirstAttemptWhoseOutcomeFindsNoDatabaseIsQueuedAndMadeAgain() throws Exception {
        // Answered after the database has stopped (the request timeout is 3 s): the attempt is made, its outcome not recorded.
        receiver.sequence("/direct", Reply.status(200).after(Duration.ofMillis(2_500)), Reply.status(200));
        String hook = f.webhook(receiver.url("/direct"), "issue.created").getString("id");

        f.issue();
        receiver.await("/direct", 1, WAIT);
        try {
            postgres("stop");
            Thread.sleep(5_000); // the outcome finds no database; the queued message neither, handed out again
        } finally {
            postgres("start");
        }

        List<Request> got = receiver.await("/direct", 2, WAIT);
        assertThat(got.get(1).header("webhook-id")).as("the attempt made again is the same message")
                .isEqualTo(got.get(0).header("webhook-id"));
        awaitApi();
        assertThat(f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getInt("attemptCount"))
                .as("the unrecorded attempt counts as not made").isEqualTo(1);
        Await.until(() -> CrashServer.outboxRows(hook) == 0, WAIT, "the event's outbox row deleted with the outcome");
        assertThat(receiver.requests("/direct")).as("sent twice, no more").hasSize(2);
    }

    /** Until the API answers again: its pooled connections to the old database process are discarded as they fail. */
    private void awaitApi() {
        Await.until(() -> f.api.get("/api/v1/webhooks", f.org.adminKey()).status() == 200, WAIT, "the API answers again");
    }

    private static void postgres(String action) throws IOException, InterruptedException {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("pg_ctlcluster %s: %s", action, out).isZero();
    }
}
