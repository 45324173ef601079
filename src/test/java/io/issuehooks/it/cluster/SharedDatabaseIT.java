package io.issuehooks.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Database;
import io.issuehooks.testsupport.Receiver;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import io.issuehooks.testsupport.ServerQueues;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two servers on the tests' PostgreSQL database, each with an embedded broker of its own and delivering first
 * attempts itself (the defaults), as docs/operations.md allows: while one server is making an event's first attempt,
 * the other's relay must leave the event's outbox row alone, also when that other server has just started (a start
 * relays what a previous run left); once the first server is dead for good, the other's relay sends the row after
 * the run's lease ({@code DeliveryRuns.LEASE_SECONDS}). The receiver holds the attempts it is asked to hold, so
 * that rows stay in the outbox while a test acts. The steps build on each other (the second kills node B), so they
 * run in order; every process is killed at the end, however the test ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedDatabaseIT {

    static final Duration START = Duration.ofMinutes(3);
    static final Duration WAIT = Duration.ofMinutes(2);
    static final String HOOK = "/shared";

    static WildFlyNode nodeA;
    static WildFlyNode nodeB;
    static Receiver receiver;
    static Tenants.Org org;
    /** The attempts the receiver holds: a request whose body holds a key waits until its latch is opened. */
    static final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    @BeforeAll
    static void startServers() throws Exception {
        Path dir = Processes.emptyDirectory(Path.of(System.getProperty("it.cluster.dir")).resolveSibling("shared-database"));
        // An attempt may be held for as long as a server takes to restart: no request timeout, then a retry, meanwhile.
        Map<String, String> env = Map.of("ISSUEHOOKS_REQUEST_TIMEOUT", "120s");
        nodeA = new WildFlyNode("shared-a", 400, dir, env);
        nodeB = new WildFlyNode("shared-b", 500, dir, env);
        WildFlyNode.startAll(START, nodeA, nodeB);

        receiver = Receiver.start();
        receiver.on(HOOK, request -> {
            holds.forEach((key, latch) -> {
                if (request.text().contains(key)) {
                    await(latch);
                }
            });
            return Reply.status(200);
        });
        Api api = new Api(new URL(nodeA.url()));
        org = new Tenants(api).organization();
        Api.Reply r = api.post("/api/v1/webhooks", org.adminKey(), Json.createObjectBuilder().add("url", receiver.url(HOOK))
                .add("name", "shared").add("events", Json.createArrayBuilder().add("issue.created")).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stopServers() {
        holds.values().forEach(CountDownLatch::countDown);
        if (receiver != null) {
            receiver.close();
        }
        Processes.killAll();
    }

    @Test
    @Order(1)
    void aServerThatStartsLeavesTheFirstAttemptsAnotherLiveServerIsMakingAlone() throws Exception {
        // B is making the first attempt of its event, held by the receiver, its outbox row still there.
        String heldB = hold("made-by-b");
        String heldA = hold("made-by-a");
        String ofB = create(nodeB, heldB);
        receiver.await(request -> request.text().contains(ofB), 1, WAIT);
        // A dies while making its own event's first attempt, and starts again: its relay sends what its earlier
        // run left, rows written before B's and after, and B's row is older than A's.
        String ofA = create(nodeA, heldA);
        receiver.await(request -> request.text().contains(ofA), 1, WAIT);
        nodeA.kill();
        Await.until(() -> !nodeA.running(), WAIT, "node A killed");
        holds.get(heldA).countDown();
        nodeA.start("");
        nodeA.awaitHealthy(START);

        List<Request> a = receiver.await(request -> request.text().contains(ofA), 2, WAIT);
        assertThat(a.get(1).header("webhook-id")).isEqualTo(a.get(0).header("webhook-id"));
        // A's relay has read past B's row (the older one) by now; B's attempt ends, and everything settles.
        holds.get(heldB).countDown();
        Await.until(() -> outboxRows(ofA) + outboxRows(ofB) == 0, WAIT, "both events' outbox rows deleted with their outcomes");
        new ServerQueues("127.0.0.1", 8080 + nodeA.offset).awaitDeliveriesSettled(WAIT);
        new ServerQueues("127.0.0.1", 8080 + nodeB.offset).awaitDeliveriesSettled(WAIT);

        assertThat(receiver.requests(HOOK).stream().filter(request -> request.text().contains(ofB)))
                .as("B's event, sent by B only: A's relay left its row alone").hasSize(1);
        assertThat(attempts(ofB)).as("attempts recorded for B's event").isEqualTo(1);
    }

    @Test
    @Order(2)
    void whatAServerDeadForGoodWasMakingIsSentByAnotherAfterTheLease() throws Exception {
        String held = hold("lost-with-b");
        String ofB = create(nodeB, held);
        receiver.await(request -> request.text().contains(ofB), 1, WAIT);
        long killed = System.nanoTime();
        nodeB.kill();
        Await.until(() -> !nodeB.running(), WAIT, "node B killed");
        holds.get(held).countDown();

        List<Request> sent = receiver.await(request -> request.text().contains(ofB), 2, WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("sent again once B's lease had run out, not before")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(24)); // 30 s from its last renewal, at most 5 s before the kill
        assertThat(sent.get(1).header("webhook-id")).isEqualTo(sent.get(0).header("webhook-id"));
        // A's relay deletes the row as it queues the message; the attempt is recorded once A has made it.
        Await.until(() -> outboxRows(ofB) == 0 && attempts(ofB) > 0, WAIT, "the event's outbox row gone and A's attempt recorded");
        assertThat(attempts(ofB)).as("attempts recorded for B's event: A's only (B died before recording)").isEqualTo(1);
    }

    /** Creates an issue through the node, with {@code marker} in its payload; answers its id. */
    private static String create(WildFlyNode node, String marker) throws IOException {
        Api.Reply created = new Api(new URL(node.url())).post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder()
                .add("pluginId", marker).add("severity", "low").build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    /** A key the receiver holds the requests that contain it for, until the test lets them go. */
    private static String hold(String name) {
        String key = name + "-" + UUID.randomUUID();
        holds.put(key, new CountDownLatch(1));
        return key;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long outboxRows(String issueId) {
        return count("select count(*) as n from delivery_outbox where event_id in (select id from issue_event where issue_id = ?)", issueId);
    }

    private static long attempts(String issueId) {
        return count("select count(*) as n from delivery_attempt where delivery_id in (select d.id from delivery d "
                + "join issue_event e on e.id = d.event_id where e.issue_id = ?)", issueId);
    }

    private static long count(String sql, String issueId) {
        return ((Number) Database.query(sql, issueId).get(0).get("n")).longValue(); // issue_event.issue_id is text
    }
}
