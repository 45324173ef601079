package io.issuehooks.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Await;
import io.issuehooks.testsupport.Byteman;
import io.issuehooks.testsupport.Receiver.Request;
import io.issuehooks.testsupport.Receiver;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Issuehooks servers on an external Artemis primary/backup pair (shared store) and the tests' PostgreSQL, and
 * a real HTTP receiver with three webhooks: the cluster mode of docs/operations.md, started here from the built
 * server and the unpacked Artemis distribution, on loopback ports (brokers 61616 and 61716, servers at port
 * offsets 200 and 300). The steps build on each other (a node killed in one is restarted in another, the broker
 * killed in one is the one that comes back last), so they run in order; every process is killed at the end,
 * however the test ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final Duration START = Duration.ofMinutes(3);
    static final Duration WAIT = Duration.ofMinutes(3);
    static final String[] HOOKS = {"/c1", "/c2", "/c3"};

    static ArtemisBroker primary;
    static ArtemisBroker backup;
    static WildFlyNode node1;
    static WildFlyNode node2;
    static Receiver receiver;
    static Tenants.Org org;
    static final Map<String, String> secrets = new HashMap<>(); // receiver path -> webhook secret
    /** What the API committed: issue id + " " + event type + " " + history length, one entry per event. */
    static final Set<String> committed = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = Processes.emptyDirectory(Path.of(System.getProperty("it.cluster.dir")));
        Path artemis = Path.of(System.getProperty("it.artemis.home"));
        primary = ArtemisBroker.create(artemis, dir, dir.resolve("shared-store"), false);
        backup = ArtemisBroker.create(artemis, dir, dir.resolve("shared-store"), true);
        primary.start();
        primary.awaitLive(START);
        backup.start();
        backup.awaitBackup(START);

        Map<String, String> env = new HashMap<>();
        env.put("ISSUEHOOKS_BROKER_URL", primary.url() + "," + backup.url());
        env.put("ISSUEHOOKS_BROKER_USER", ArtemisBroker.USER);
        env.put("ISSUEHOOKS_BROKER_PASSWORD", ArtemisBroker.PASSWORD);
        node1 = new WildFlyNode("cluster-1", 200, dir, env);
        node2 = new WildFlyNode("cluster-2", 300, dir, env);
        WildFlyNode.startAll(START, node1, node2);
        node1.enableStatistics();
        node2.enableStatistics();

        receiver = Receiver.start();
        Api api = new Api(new URL(node1.url()));
        org = new Tenants(api).organization();
        for (String path : HOOKS) {
            Api.Reply r = api.post("/api/v1/webhooks", org.adminKey(), Json.createObjectBuilder().add("url", receiver.url(path))
                    .add("name", path).add("events", Json.createArrayBuilder().add("issue.created").add("issue.status_changed")).build());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            secrets.put(path, r.json().getString("secret"));
        }
    }

    @AfterAll
    static void stopCluster() {
        if (receiver != null) {
            receiver.close();
        }
        Processes.killAll();
    }

    @Test
    @Order(1)
    void bothNodesDeliverEveryEventOfBothNodesAPIsInEachIssuesOrder() throws Exception {
        // 400 issues, each created and then changed four times, the calls alternating between the two nodes:
        // 2,000 events, 6,000 deliveries.
        runStream(400, 4, List.of(node1, node2), null);

        assertEachIssueInOrder(awaitEveryEvent(), issue -> true);
        assertThat(node1.deliveryMessagesConsumed()).as("node 1 consumed").isPositive();
        assertThat(node2.deliveryMessagesConsumed()).as("node 2 consumed").isPositive();
    }

    @Test
    @Order(2)
    void whenANodeDiesInTheMiddleOfAStreamTheOtherDeliversEverythingCommitted() throws Exception {
        runStream(300, 0, List.of(node1, node2), () -> node1.kill());
        assertThat(node1.running()).isFalse();

        // Node 2 delivers everything committed, node 1's unacknowledged messages too once the broker has noticed
        // its death; all but one case: a kill that lands between node 1's relay's database commit and its broker
        // commit (a window of milliseconds, but the CI has hit it) leaves that relay batch's messages prepared on the
        // broker, for node 1's own recovery to commit (node 2 leaves them alone: the next step proves it), and they
        // arrive once node 1 is back. Then the missing events must be that batch: out of the outbox (node 1's
        // database commit took them), one batch at most (200 rows, RelayBatchLimit), and delivered by node 1's
        // restart; anything else fails here.
        if (!Await.within(() -> missing().isEmpty(), WAIT)) {
            Set<String> inDoubt = missing();
            assertThat(node2.outbox()).as("delivery messages still in the outbox while %s are missing", inDoubt).isZero();
            assertThat(inDoubt).as("events missing while node 1 is down: one relay batch at most").hasSizeLessThanOrEqualTo(200);
            node1.start("");
            node1.awaitHealthy(START);
            Await.until(() -> missing().isEmpty(), WAIT, "the batch node 1 left prepared arrived after its restart: " + inDoubt);
            node1.kill();
            Await.until(() -> !node1.running(), WAIT, "node 1 killed again, as the next step expects it");
        }
        awaitEveryEvent();
    }

    @Test
    @Order(4)
    void anIssuesNextEventRelayedByTheOtherNodeWaitsForTheBrokerCommitOfTheOneBefore() throws Exception {
        // Node 1 (restarted with the rule by the step before) holds its relay's broker commit for 10 s, once armed,
        // after the database's commit has removed the rows: the moment where the turn once passed to node 2, whose
        // relay then put the issue's next event on the queue first, and it was delivered first.
        node1.setSystemProperty("issuehooks.test.delay-broker-commit", "true");
        String id = null;
        for (int tries = 0; id == null; tries++) {
            // Node 1's relay is woken by the commit; node 2's, idle, looks once a second and may come first: then
            // that issue tests nothing, and the next one is tried.
            assertThat(tries).as("node 1's relay took one of three new issues").isLessThan(3);
            Api.Reply created = new Api(new URL(node1.url())).post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder()
                    .add("pluginId", "slow-broker-commit").add("severity", "low").build());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String candidate = created.json().getString("id");
            committed.add(candidate + " issue.created 1");
            Await.until(() -> held() || receiver.requests(HOOKS[0]).stream().anyMatch(r -> r.text().contains(candidate)),
                    WAIT, "node 1's relay holds its broker commit, or the issue arrived");
            id = held() ? candidate : null;
        }
        String issue = id;
        Api.Reply changed = new Api(new URL(node2.url())).patch("/api/v1/issues/" + issue, org.adminKey(),
                Json.createObjectBuilder().add("status", "fixed").build());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        committed.add(issue + " issue.status_changed 2");

        assertEachIssueInOrder(awaitEveryEvent(), issue::equals);
    }

    /** Whether node 1's relay has reached the rule that holds its broker commit. */
    static boolean held() {
        return (node1.serverLog() + node1.consoleLog()).contains(DELAYED);
    }

    @Test
    @Order(5)
    void whenThePrimaryBrokerDiesTheBackupTakesOverAndEverythingCommittedArrives() throws Exception {
        runStream(300, 0, List.of(node1, node2), () -> primary.kill());

        backup.awaitLive(WAIT);
        awaitEveryEvent();
    }

    @Test
    @Order(3)
    void aRestartedNodeRejoinsAndRecoversItsOwnTransactionsWhichTheOtherNodeLeavesAlone() throws Exception {
        // Node 1 comes back with a rule that kills it, once armed (a system property set through its management
        // interface), between its relay's database commit and its broker commit: a prepared branch on the broker,
        // holding the marker change's delivery messages, that only node 1's recovery may decide. Node 1's relay is
        // woken by the change's commit; node 2's, idle, looks at the outbox once a second and waits for the turn.
        Path rule = Path.of(System.getProperty("it.cluster.dir"), "kill-on-broker-commit.btm");
        Files.writeString(rule, KILL_RULE);
        node1.start(Byteman.agent(rule));
        node1.awaitHealthy(START);
        node1.enableStatistics();
        node1.setSystemProperty("issuehooks.test.kill-at-broker-commit", "true");
        Api api1 = new Api(new URL(node1.url()));
        String marker = "prepared-" + System.nanoTime();
        // Node 2's XA recovery reports at DEBUG which in-doubt branches it examines.
        node2.logLevel(RECOVERY_LOG, "DEBUG");
        try {
            try {
                api1.post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder().add("pluginId", marker).add("severity", "low").build());
            } catch (RuntimeException e) {
                // the change committed before its relay died (201), or the server was gone before it answered
            }
            Await.until(() -> !node1.running(), WAIT, "node 1 died at its relay's broker commit");
            String branch = preparedBranch();

            // Node 2 recovers every 5 s: it must leave node 1's branch alone (neither commit nor roll it back).
            // No marker event can show that: the branch's messages are not in the queue, so an event queued behind
            // them, even on the same issue, arrives whatever becomes of them. Node 2's recovery shows it. It
            // examines an in-doubt branch only once it has seen it for 20 s (Narayana's orphan safety interval;
            // a scan is a first pass, 10 s of back-off and a second pass, every 5 s here), in a second pass, where
            // its orphan filters log the branch's node name: that is where it would roll the branch back (or,
            // had it a record of it, commit it). Examining it again in a later pass means the broker still listed
            // it as prepared after that (recovery forgets a branch a scan no longer finds): node 2 left it alone.
            // Roughly 40 to 60 s after the kill; the 20 s sleep this replaces ended before node 2's first look.
            Await.until(() -> recoveryPasses(node2.serverLog(), branch) >= 2, WAIT,
                    "node 2's recovery examined node 1's prepared branch (tx_uid=" + branch + ") in two passes");
        } finally {
            try {
                node2.logLevel(RECOVERY_LOG, null);
            } catch (RuntimeException e) {
                // node 2 keeps a more verbose log; the step's own failure, if any, is the one to report
            }
        }
        assertThat(receiver.all()).as("nothing of the prepared change was delivered by node 2")
                .noneMatch(r -> r.text().contains(marker));

        // Back with the next step's rule only: the kill rule's property stays in node 1's configuration.
        Path delay = Path.of(System.getProperty("it.cluster.dir"), "delay-broker-commit.btm");
        Files.writeString(delay, DELAY_RULE);
        node1.start(Byteman.agent(delay));
        node1.awaitHealthy(START);
        node1.enableStatistics();
        List<Request> arrived = receiver.await(r -> r.text().contains(marker), HOOKS.length, WAIT);
        assertThat(arrived).extracting(Request::path).containsExactlyInAnyOrder(HOOKS);
        long before = node1.deliveryMessagesConsumed();
        runStream(100, 0, List.of(node1, node2), null);
        awaitEveryEvent();
        assertThat(node1.deliveryMessagesConsumed()).as("node 1 consumes again").isGreaterThan(before);
    }

    @Test
    @Order(6)
    void whileNoBrokerAnswersTheApiKeepsCommittingAndEverythingArrivesInOrderOnceOneIsBack() throws Exception {
        // The step before left the backup live and the primary dead: with the backup killed too, no broker answers.
        backup.kill();
        Set<String> before = Set.copyOf(committed);
        // Calls for longer than the transaction timeout (60 s), so that a relay's transaction that waited for the
        // broker has been timed out too, and longer than the clients' longest wait between reconnection attempts.
        long end = System.nanoTime() + OUTAGE.toNanos();
        int calls = 0;
        while (System.nanoTime() < end) {
            int had = committed.size();
            runStream(10, 1, List.of(node1, node2), null); // 10 issues, each created and changed once: 20 calls
            assertThat(committed.size() - had).as("every API call committed without a broker").isEqualTo(20);
            calls += 20;
            Thread.sleep(1_000); // the pace of the calls, not a wait for anything
        }
        assertThat(node1.serverLog() + node2.serverLog()).as("the relays tried, and could not reach a broker")
                .contains("Cannot relay deliveries from the outbox to the queue");
        long waiting = node1.outbox();
        System.out.printf("No broker for %d s: %d API calls committed, %d delivery messages waiting in the outbox%n",
                OUTAGE.toSeconds(), calls, waiting);
        assertThat(waiting).as("messages waiting in the outbox").isPositive();
        assertThat(receiver.all()).as("nothing committed during the outage arrived without a broker")
                .noneMatch(r -> !before.contains(eventKey(r)) && committed.contains(eventKey(r)));

        primary.start();
        primary.awaitLive(WAIT);
        Set<String> outage = committed.stream().filter(e -> !before.contains(e)).map(e -> e.substring(0, e.indexOf(' ')))
                .collect(Collectors.toSet());
        assertThat(outage).as("issues created during the outage").hasSize(calls / 2);
        assertEachIssueInOrder(awaitEveryEvent(), outage::contains);
        Await.until(() -> node1.outbox() == 0 && node2.outbox() == 0, WAIT, "both nodes' outbox gauges at 0");
    }

    static final Duration OUTAGE = Duration.ofSeconds(75);

    /** At every webhook, the deliveries of each issue {@code checked} accepts in the order of its changes. */
    static void assertEachIssueInOrder(Map<String, List<Request>> got, Predicate<String> checked) {
        for (String path : HOOKS) {
            Map<String, List<Integer>> byIssue = new HashMap<>();
            for (Request r : got.get(path)) {
                JsonObject issue = r.json().getJsonObject("data").getJsonObject("issue");
                if (checked.test(issue.getString("id"))) {
                    byIssue.computeIfAbsent(issue.getString("id"), k -> new ArrayList<>()).add(issue.getJsonArray("history").size());
                }
            }
            byIssue.forEach((issue, histories) -> assertThat(histories).as("%s: issue %s in order", path, issue).isSorted());
        }
    }

    /** The category of Narayana's JTA recovery messages. */
    static final String RECOVERY_LOG = "com.arjuna.ats.jta";

    /** The transaction id (Narayana's tx_uid) of the branch the rule left prepared, as node 1 logged it dying. */
    static String preparedBranch() {
        String log = node1.serverLog() + node1.consoleLog();
        int at = log.lastIndexOf(KILLED);
        assertThat(at).as("node 1 logged the transaction it died in (%s)", KILLED).isNotNegative();
        String line = log.substring(at, log.indexOf('\n', at) < 0 ? log.length() : log.indexOf('\n', at));
        Matcher uid = Pattern.compile("tx_uid=([^,\\s>]+)").matcher(line);
        assertThat(uid.find()).as("a Narayana Xid in: %s", line).isTrue();
        return uid.group(1);
    }

    /**
     * In how many of a server's recovery second passes (Narayana's XARecoveryModule, at DEBUG) its orphan filters
     * examined the in-doubt branch of transaction {@code txUid}: their "node name of &lt;xid&gt; is ..." lines (one
     * or two a pass), counted once per pass.
     */
    static int recoveryPasses(String log, String txUid) {
        int pass = 0;
        Set<Integer> decided = new HashSet<>();
        for (String line : log.split("\n")) {
            if (line.contains("XARecoveryModule - second pass")) {
                pass++;
            } else if (line.contains("node name of ") && line.contains("tx_uid=" + txUid + ",")) {
                decided.add(pass);
            }
        }
        return decided.size();
    }

    static final String KILLED = "Byteman: killing node 1 between the database commit and the broker commit of ";

    /** {@code $1}: the Xid of the broker's branch, which Narayana writes with its tx_uid and node_name. */
    static final String KILL_RULE = """
            RULE kill node 1 between the database commit and the broker commit, once triggered
            CLASS org.apache.activemq.artemis.core.client.impl.ClientSessionImpl
            METHOD commit(javax.transaction.xa.Xid, boolean)
            AT ENTRY
            IF Thread.currentThread().getName().equals("issuehooks-delivery-relay")
               && System.getProperty("issuehooks.test.kill-at-broker-commit") != null
            DO traceln("Byteman: killing node 1 between the database commit and the broker commit of " + $1); killJVM()
            ENDRULE
            """;

    static final String DELAYED = "Byteman: holding node 1's broker commit for 10 s: ";

    static final String DELAY_RULE = """
            RULE hold node 1's broker commit for 10 s, once armed
            CLASS org.apache.activemq.artemis.core.client.impl.ClientSessionImpl
            METHOD commit(javax.transaction.xa.Xid, boolean)
            AT ENTRY
            IF Thread.currentThread().getName().equals("issuehooks-delivery-relay")
               && System.getProperty("issuehooks.test.delay-broker-commit") != null
               && flag("delayed once")
            DO traceln("Byteman: holding node 1's broker commit for 10 s: " + $1); delay(10000)
            ENDRULE
            """;

    // --- load and checks ---------------------------------------------------------------------------------

    /**
     * Creates {@code issues} issues and changes each {@code changes} times, from 8 threads, each call to the next
     * node in turn (a node that fails to answer is skipped); {@code midway} runs after a third of the issues.
     * Every event the API confirmed is recorded as committed.
     */
    static void runStream(int issues, int changes, List<WildFlyNode> nodes, Runnable midway) throws Exception {
        List<Api> apis = new ArrayList<>();
        for (WildFlyNode n : nodes) {
            apis.add(new Api(new URL(n.url())));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            all.add(pool.submit(() -> {
                int i;
                while ((i = started.getAndIncrement()) < issues) {
                    if (midway != null && i == issues / 3) {
                        midway.run();
                    }
                    Api.Reply created = call(apis, next, a -> a.post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder()
                            .add("pluginId", "cluster").add("severity", "high").build()));
                    if (created == null || created.status() != 201) {
                        continue;
                    }
                    String id = created.json().getString("id");
                    committed.add(id + " issue.created 1");
                    for (int c = 0; c < changes; c++) {
                        String status = c % 2 == 0 ? "fixed" : "open";
                        Api.Reply changed = call(apis, next, a -> a.patch("/api/v1/issues/" + id, org.adminKey(),
                                Json.createObjectBuilder().add("status", status).build()));
                        if (changed != null && changed.status() == 200) {
                            committed.add(id + " issue.status_changed " + changed.json().getJsonArray("history").size());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
    }

    /** One call on the next node that answers; null when none did (a dead node, a broker failing over). */
    private static Api.Reply call(List<Api> apis, AtomicInteger next, java.util.function.Function<Api, Api.Reply> call) {
        for (int tries = 0; tries < apis.size() * 3; tries++) {
            Api api = apis.get(Math.floorMod(next.getAndIncrement(), apis.size()));
            try {
                Api.Reply r = call.apply(api);
                if (r.status() < 500) {
                    return r;
                }
            } catch (RuntimeException e) {
                // that node is down: the next one
            }
        }
        return null;
    }

    /**
     * Waits until every committed event arrived at every webhook, each delivery verified with its webhook's
     * secret, duplicates carrying the same webhook-id as their first copy; answers the deliveries by path.
     */
    /** The committed events that have not yet arrived at every webhook. */
    static Set<String> missing() {
        Set<String> missing = new TreeSet<>();
        for (String path : HOOKS) {
            Set<String> seen = receiver.requests(path).stream().map(ClusterIT::eventKey).collect(Collectors.toSet());
            committed.stream().filter(e -> !seen.contains(e)).forEach(missing::add);
        }
        return missing;
    }

    static Map<String, List<Request>> awaitEveryEvent() {
        Map<String, List<Request>> byPath = new HashMap<>();
        Await.until(() -> missing().isEmpty(), WAIT, "every committed event arrived at every webhook (" + committed.size() + " events)");
        for (String path : HOOKS) {
            List<Request> requests = receiver.requests(path);
            Map<String, String> webhookIds = new HashMap<>();
            for (Request r : requests) {
                assertThat(r.header("X-Promptfoo-Signature")).as("signature of %s", eventKey(r))
                        .isEqualTo(hmacHex(secrets.get(path), r.body()));
                String first = webhookIds.putIfAbsent(eventKey(r), r.header("webhook-id"));
                assertThat(first == null || first.equals(r.header("webhook-id"))).as("a duplicate of %s has the same webhook-id",
                        eventKey(r)).isTrue();
            }
            byPath.put(path, requests);
        }
        return byPath;
    }

    static String eventKey(Request r) {
        JsonObject json = r.json();
        JsonObject issue = json.getJsonObject("data").getJsonObject("issue");
        return issue.getString("id") + " " + json.getString("event") + " " + issue.getJsonArray("history").size();
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
