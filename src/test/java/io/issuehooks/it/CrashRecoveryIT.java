package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver;
import io.issuehooks.testsupport.Receiver.Reply;
import io.issuehooks.testsupport.Receiver.Request;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server is killed (SIGKILL, no shutdown) after a change committed and while its delivery is under way; after
 * a restart the delivery arrives, with the same webhook-id. Runs a second server (ports +100, its own base
 * directory and transaction node id, see arquillian.xml) that this test starts, kills and restarts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrashRecoveryIT {

    static final String SERVER = "wildfly-manual";
    static final String APP = "crash-app";

    @Deployment(name = APP, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static WebArchive app() {
        return Deployments.application();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Test
    void aDeliveryInterruptedByAKilledServerArrivesAfterTheRestart() throws Exception {
        controller.start(SERVER);
        try (Receiver receiver = Receiver.start()) {
            deployer.deploy(APP);
            Fixture f = new Fixture(new URL("http://127.0.0.1:8180/"));
            String hook = f.webhook(receiver.url("/crash"), "issue.created").getString("id");
            CountDownLatch inFlight = new CountDownLatch(1);
            receiver.on("/crash", r -> {
                inFlight.countDown();
                return Reply.status(200).after(Duration.ofSeconds(20)); // still answering when the server dies
            });

            f.issue(); // committed: 201

            assertThat(inFlight.await(30, TimeUnit.SECONDS)).as("the delivery started").isTrue();
            killServerProcess();
            controller.kill(SERVER); // lets Arquillian know; the process is already gone
            receiver.on("/crash", r -> Reply.status(200));
            controller.start(SERVER);

            List<Request> got = receiver.await("/crash", 2, Duration.ofSeconds(60));
            assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
            assertThat(got.get(1).text()).isEqualTo(got.get(0).text());
            JsonObject delivered = f.awaitDelivery(hook, Fixture.status("succeeded"), Duration.ofSeconds(30));
            assertThat(delivered.getInt("attemptCount")).as("the killed attempt never committed: %s", delivered).isEqualTo(1);
            deployer.undeploy(APP);
        } finally {
            controller.stop(SERVER);
        }
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, no graceful end of the running attempt. */
    private static void killServerProcess() throws Exception {
        String baseDir = "-Djboss.server.base.dir=" + System.getProperty("it.kill.base.dir");
        ProcessHandle server = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(baseDir)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no server process with " + baseDir));
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
    }
}
