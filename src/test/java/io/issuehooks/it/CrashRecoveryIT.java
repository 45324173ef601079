package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import io.issuehooks.testsupport.Receiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server dies at each weak point of the transaction design, and after a restart nothing committed is lost and
 * nothing uncommitted appears. The server is a second one (ports +100, its own base directory and transaction node
 * id, see arquillian.xml) that each test starts with an empty data directory, kills and restarts: by SIGKILL while a
 * delivery is under way, or, at an exact point, by a Byteman rule (src/test/resources/byteman) that halts the JVM as
 * a crash would, without shutdown hooks. The application is in the server's deployments directory, so that every
 * start deploys it, the restart after a crash included.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrashRecoveryIT {

    static final String SERVER = "wildfly-manual";
    static final Duration WAIT = Duration.ofSeconds(90);

    @ArquillianResource
    ContainerController controller;

    Receiver receiver;

    @BeforeAll
    static void installApplication() throws Exception {
        CrashServer.installApplication();
    }

    @AfterAll
    static void removeApplication() throws Exception {
        CrashServer.removeApplication();
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = Receiver.start();
        CrashServer.clearData();
    }

    @AfterEach
    void stopEverything() {
        receiver.close();
        if (controller.isStarted(SERVER)) {
            controller.stop(SERVER);
        }
        CrashServer.process().ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aDeliveryInterruptedByAKilledServerArrivesAfterTheRestart() throws Exception {
        Fixture f = start(null);
        String hook = f.webhook(receiver.url("/crash"), "issue.created").getString("id");
        CountDownLatch inFlight = new CountDownLatch(1);
        receiver.on("/crash", r -> {
            inFlight.countDown();
            return Reply.status(200).after(Duration.ofSeconds(20)); // still answering when the server dies
        });

        f.issue(); // committed: 201

        assertThat(inFlight.await(30, TimeUnit.SECONDS)).as("the delivery started").isTrue();
        serverProcess().destroyForcibly();
        restartAfterTheCrash();
        receiver.on("/crash", r -> Reply.status(200));

        List<Request> got = receiver.await("/crash", 2, WAIT);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(got.get(1).text()).isEqualTo(got.get(0).text());
        JsonObject delivered = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
        assertThat(delivered.getInt("attemptCount")).as("the killed attempt never committed: %s", delivered).isEqualTo(1);
    }

    @Test
    void aChangeCommittedBeforeTheServerDeliveredItIsRelayedAfterTheRestart() throws Exception {
        Fixture f = start("kill-between-change-commit-and-direct-delivery.btm");
        String hook = f.webhook(receiver.url("/held"), "issue.created").getString("id");

        issueWhileTheServerDies(f); // committed, its row in the outbox; the server dies before its own delivery starts
        restartAfterTheCrash();

        // The row was written before the restart: the relay sends it, and its outcome deletes it.
        String issue = issueOf(receiver.await("/held", 1, WAIT).get(0));
        assertThat(f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getInt("attemptCount")).isEqualTo(1);
        assertDeliveredOnceEach(f, "/held", issue);
        // The marker's row goes with its outcome's commit, which may come a moment after the receiver had it.
        Await.until(() -> CrashServer.outboxRows(hook) == 0, WAIT, "no message of the webhook left in the outbox");
    }

    @Test
    void aChangeCommittedBeforeTheServerDiedIsRelayedAfterTheRestart() throws Exception {
        Fixture f = startRelaying("kill-between-change-commit-and-relay.btm");
        String hook = f.webhook(receiver.url("/outbox"), "issue.created").getString("id");

        issueWhileTheServerDies(f); // committed, with its message in the outbox; the relay dies before sending it
        restartAfterTheCrash();

        String issue = issueOf(receiver.await("/outbox", 1, WAIT).get(0));
        assertThat(f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getInt("attemptCount")).isEqualTo(1);
        assertDeliveredOnceEach(f, "/outbox", issue);
    }

    @Test
    void aRelayedBatchWhoseDatabaseCommitHappenedIsDeliveredEvenIfTheBrokerCommitDidNot() throws Exception {
        Fixture f = startRelaying("kill-between-database-and-broker-commit.btm");
        String hook = f.webhook(receiver.url("/committed"), "issue.created").getString("id");

        issueWhileTheServerDies(f); // committed; the relay dies between its database commit and the broker's
        restartAfterTheCrash();

        // Recovery finds the relay's marker in xids and commits the broker's prepared branch; the outbox row is gone.
        String issue = issueOf(receiver.await("/committed", 1, WAIT).get(0));
        assertThat(f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getInt("attemptCount")).isEqualTo(1);
        awaitNoPreparedBrokerTransactions();
        assertDeliveredOnceEach(f, "/committed", issue);
    }

    @Test
    void aRelayedBatchKilledBeforeItsDatabaseCommitIsRelayedOnceAfterTheRestart() throws Exception {
        Fixture f = startRelaying("kill-between-broker-prepare-and-database-commit.btm");
        String hook = f.webhook(receiver.url("/uncommitted"), "issue.created").getString("id");

        issueWhileTheServerDies(f); // committed; the relay dies after the broker prepared its batch
        restartAfterTheCrash();

        // Recovery rolls the broker's prepared branch back (no marker in xids); the outbox row is still there and
        // the relay sends it again.
        awaitNoPreparedBrokerTransactions();
        String issue = issueOf(receiver.await("/uncommitted", 1, WAIT).get(0));
        assertThat(f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT).getInt("attemptCount")).isEqualTo(1);
        assertDeliveredOnceEach(f, "/uncommitted", issue);
    }

    @Test
    void anOutcomeCommittedBeforeTheServerDiedIsNotSentAgain() throws Exception {
        Fixture f = start("kill-between-outcome-commit-and-acknowledgement.btm");
        String hook = f.webhook(receiver.url("/recorded"), "issue.created").getString("id");

        issueWhileTheServerDies(f);
        receiver.await("/recorded", 1, WAIT);
        restartAfterTheCrash();

        // The unacknowledged message comes back, finds its attempt recorded, and does nothing.
        f.issue(Json.createObjectBuilder().add("pluginId", "marker").add("severity", "low"));
        receiver.await("/recorded", 2, WAIT);
        awaitNoMessages("Deliveries");
        assertThat(receiver.requests("/recorded")).as("one request per event").hasSize(2);
        assertThat(f.deliveries(hook)).allSatisfy(d -> {
            assertThat(d.getString("status")).isEqualTo("succeeded");
            assertThat(d.getInt("attemptCount")).isEqualTo(1);
        });
    }

    @Test
    void messagesWhoseOutcomesCommittedTogetherBeforeTheServerDiedAreNotSentAgain() throws Exception {
        Fixture f = start("kill-after-a-group-commit-of-outcomes.btm");
        String hook = f.webhook(receiver.url("/grouped"), "issue.created").getString("id");

        // The first delivery's outcome commit is held; the outcomes of those that finish meanwhile queue behind it
        // and commit together, and the server dies right after that commit. (A message the broker handed to a busy
        // session may not have been sent before the crash: which ones is not ours to choose.)
        List<String> issues = new ArrayList<>(List.of(f.issue(), f.issue(), f.issue(), f.issue()));
        Await.until(() -> CrashServer.process().isEmpty(), WAIT, "the server died after a group commit");
        Instant died = Instant.now();
        restartAfterTheCrash();

        issues.add(f.issue(Json.createObjectBuilder().add("pluginId", "marker").add("severity", "low")));
        // Counting requests would not do: a message sent but not recorded before the crash is sent again.
        Await.until(() -> receiver.requests("/grouped").stream().map(CrashRecoveryIT::issueOf).toList().containsAll(issues), WAIT,
                "every event arrived");
        awaitNoMessages("Deliveries");
        List<Request> got = receiver.requests("/grouped");
        List<JsonObject> deliveries = f.deliveries(hook).stream().map(d -> f.delivery(hook, d.getString("id"))).toList();
        assertThat(deliveries).hasSize(issues.size()).allSatisfy(d -> {
            assertThat(d.getString("status")).isEqualTo("succeeded");
            assertThat(d.getInt("attemptCount")).isEqualTo(1);
        });
        // Those whose outcome committed before the crash (the held commit's and the group's) were not sent again.
        List<String> committedBefore = deliveries.stream()
                .filter(d -> Instant.parse(d.getJsonArray("attempts").getJsonObject(0).getString("startedAt")).isBefore(died))
                .map(d -> d.getString("id")).toList();
        assertThat(committedBefore).as("the held commit's delivery and a group of at least two").hasSizeGreaterThanOrEqualTo(3);
        assertThat(committedBefore).allSatisfy(id ->
                assertThat(got).as("requests with webhook-id %s", id).filteredOn(r -> id.equals(r.header("webhook-id"))).hasSize(1));
    }

    @Test
    void aFailedAttemptWhoseOutcomeWasNotCommittedIsMadeAgainWithTheSameWebhookId() throws Exception {
        Fixture f = start("kill-between-retry-queued-and-outcome-commit.btm");
        String hook = f.webhook(receiver.url("/retried"), "issue.created").getString("id");
        receiver.sequence("/retried", Reply.status(500), Reply.status(200));

        issueWhileTheServerDies(f);
        restartAfterTheCrash();

        // The message is handed out again and its attempt made again; the retry queued before the crash then
        // finds the delivery finished and does nothing.
        List<Request> got = receiver.await("/retried", 2, WAIT);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(got.get(1).text()).isEqualTo(got.get(0).text());
        JsonObject delivered = f.awaitDelivery(hook, Fixture.status("succeeded"), WAIT);
        assertThat(delivered.getInt("attemptCount")).as("%s", delivered).isEqualTo(1);
        awaitNoMessages("Deliveries"); // the early retry, due a second after the crash, was consumed
        assertThat(receiver.requests("/retried")).hasSize(2);
        assertThat(f.delivery(hook, delivered.getString("id")).getInt("attemptCount")).isEqualTo(1);
    }

    @Test
    void operationalEventsWhoseOutcomeCommittedAreFannedOutAfterTheServerDiedBeforeTheirFanOut() throws Exception {
        Fixture f = start("kill-between-outcome-commit-and-operational-fan-out.btm");
        String gone = f.webhook(receiver.url("/gone"), "issue.created").getString("id");
        f.webhook(receiver.url("/operator"), "webhook.disabled", "delivery.exhausted");
        receiver.on("/gone", r -> Reply.status(410));

        issueWhileTheServerDies(f);
        receiver.await("/gone", 1, WAIT);
        restartAfterTheCrash();

        // The outcome committed with the events and their outbox rows; the sweeper fans them out after the restart.
        List<Request> told = receiver.await("/operator", 2, WAIT);
        assertThat(told).extracting(r -> r.json().getString("event")).containsExactlyInAnyOrder("webhook.disabled", "delivery.exhausted");
        assertThat(told).allSatisfy(r -> assertThat(r.json().getJsonObject("data").getJsonObject("webhook").getString("id")).isEqualTo(gone));
        assertThat(f.webhookState(gone).getBoolean("enabled")).isFalse();
        awaitNoMessages("Deliveries");
        assertThat(receiver.requests("/operator")).as("each fanned out once").hasSize(2);
        assertThat(receiver.requests("/gone")).as("the 410 was final").hasSize(1);
    }

    // --- the server ---------------------------------------------------------------------------------------

    /** Starts the server (with a Byteman rule that kills it at one point, or none) and makes an organisation. */
    private Fixture start(String rule) throws Exception {
        return startWith(rule == null ? CrashServer.baseArguments() : CrashServer.jvmArguments(rule));
    }

    /**
     * Starts the server as a cluster's node runs, relaying every first attempt to the queue (no direct delivery),
     * with a rule that kills it in the relay; it restarts delivering directly, as a single server does.
     */
    private Fixture startRelaying(String rule) throws Exception {
        return startWith(CrashServer.jvmArguments(rule) + " -Dissuehooks.delivery.direct=false");
    }

    private Fixture startWith(String arguments) throws Exception {
        controller.start(SERVER, Map.of("javaVmArguments", arguments));
        Await.healthy(CrashServer.URL, WAIT);
        return new Fixture(new URL(CrashServer.URL));
    }

    /** Waits for the process to die, lets Arquillian know, and starts the server again, without any rule. */
    private void restartAfterTheCrash() throws Exception {
        Await.until(() -> CrashServer.process().isEmpty(), WAIT, "the server process ended");
        try {
            controller.kill(SERVER);
        } catch (Exception e) { // a LifecycleException, rethrown by Arquillian without declaring it
            if (!(e instanceof org.jboss.arquillian.container.spi.client.container.LifecycleException)) {
                throw e;
            }
            // The process had ended but was not yet reaped, so Arquillian still asked it to shut down and found no
            // management port. It is gone either way: start it again.
            Await.until(CrashServer::managementPortClosed, WAIT, "the management port closed");
        }
        // Arquillian would keep the arguments of the last start, the rule's included.
        controller.start(SERVER, Map.of("javaVmArguments", CrashServer.baseArguments()));
        Await.healthy(CrashServer.URL, WAIT);
    }

    private static ProcessHandle serverProcess() {
        return CrashServer.process().orElseThrow(() -> new AssertionError("the server is not running"));
    }

    /**
     * Creates an issue on a server that a rule kills after the change's commit, on another thread (the relay, or a
     * delivery), which may be before or after the API call's answer has left: either is fine, the change committed.
     */
    private static void issueWhileTheServerDies(Fixture f) {
        try {
            f.issue();
        } catch (UncheckedIOException e) {
            // the server died before it answered
        }
    }

    private static String issueOf(Request delivery) {
        return delivery.json().getJsonObject("data").getJsonObject("issue").getString("id");
    }

    /**
     * After a marker issue's delivery has arrived too, and nothing is left on the queue: the receiver got one request
     * for {@code issue} and one for the marker, nothing else.
     */
    private void assertDeliveredOnceEach(Fixture f, String path, String issue) {
        String marker = f.issue(Json.createObjectBuilder().add("pluginId", "marker").add("severity", "low"));
        receiver.await(path, 2, WAIT);
        awaitNoMessages("Deliveries");
        assertThat(receiver.requests(path)).extracting(CrashRecoveryIT::issueOf)
                .containsExactlyInAnyOrder(issue, marker);
        assertThat(f.api.get("/api/v1/issues", f.org.adminKey()).json().getJsonArray("data")).hasSize(2);
    }

    private static void awaitNoPreparedBrokerTransactions() {
        Await.until(() -> CrashServer.preparedBrokerTransactions() == 0, WAIT, "the broker's prepared transactions were resolved");
    }

    private static void awaitNoMessages(String queue) {
        Await.until(() -> CrashServer.messageCount(queue) == 0, WAIT, queue + " is empty");
    }
}
