package io.issuehooks.testsupport;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Test-only server set-up: a non-exclusive divert copies every message that reaches the IssueEvents queue (events
 * other deployments publish with the client jar) to IssueEventsTap, so a test reads what really reached the queue
 * while the application consumes it as usual. Idempotent, and left in place (the test server's base directory is recreated by each
 * build).
 */
public class EventTap implements ServerSetupTask {

    public static final String ISSUE_EVENTS = "java:/jms/queue/IssueEventsTap";

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        tap(client, "IssueEvents", ISSUE_EVENTS);
    }

    private static void tap(ManagementClient client, String queueName, String tapJndiName) throws Exception {
        ModelNode server = Operations.createAddress("subsystem", "messaging-activemq", "server", "default");
        ModelNode queue = server.clone().add("jms-queue", queueName + "Tap");
        if (!exists(client, queue)) {
            ModelNode add = Operations.createAddOperation(queue);
            add.get("entries").add(tapJndiName);
            add.get("durable").set(true);
            execute(client, add);
        }
        ModelNode divert = server.clone().add("divert", queueName + "-tap");
        if (!exists(client, divert)) {
            ModelNode add = Operations.createAddOperation(divert);
            add.get("divert-address").set("jms.queue." + queueName);
            add.get("forwarding-address").set("jms.queue." + queueName + "Tap");
            add.get("exclusive").set(false);
            execute(client, add);
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) {
    }

    private static boolean exists(ManagementClient client, ModelNode address) throws Exception {
        return Operations.isSuccessfulOutcome(client.getControllerClient().execute(Operations.createReadResourceOperation(address)));
    }

    private static void execute(ManagementClient client, ModelNode op) throws Exception {
        ModelNode result = client.getControllerClient().execute(op);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(Operations.getFailureDescription(result).asString());
        }
        if (result.hasDefined("response-headers") && result.get("response-headers").hasDefined("operation-requires-reload")) {
            throw new IllegalStateException("The event tap needs a server reload: " + result);
        }
    }
}
