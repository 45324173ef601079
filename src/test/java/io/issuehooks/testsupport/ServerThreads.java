package io.issuehooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** The live threads of a test server's JVM, as its management interface (port 9990 plus its offset) lists them. */
public final class ServerThreads {

    private ServerThreads() {
    }

    /** How many live threads of the server whose application answers at {@code base} have a name starting with {@code prefix}. */
    public static long named(URL base, String prefix) {
        ModelNode dump = Operations.createOperation("dump-all-threads",
                Operations.createAddress("core-service", "platform-mbean", "type", "threading"));
        dump.get("locked-monitors").set(false);
        dump.get("locked-synchronizers").set(false);
        try (ModelControllerClient client = ModelControllerClient.Factory.create(base.getHost(), 9990 + base.getPort() - 8080)) {
            ModelNode result = client.execute(dump);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException(Operations.getFailureDescription(result).asString());
            }
            return Operations.readResult(result).asList().stream()
                    .filter(thread -> thread.get("thread-name").asString().startsWith(prefix))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
