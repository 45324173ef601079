package io.issuehooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** The management interface (port 9990 plus the server's port offset) of the test server whose application answers at a port. */
public final class ServerManagement {

    private final InetSocketAddress address;

    /** The server whose application answers at {@code httpPort} (8080 plus its offset). */
    public ServerManagement(String host, int httpPort) {
        this(InetSocketAddress.createUnresolved(host, 9990 + (httpPort - 8080)));
    }

    private ServerManagement(InetSocketAddress address) {
        this.address = address;
    }

    /** The server whose management interface answers at {@code hostAndPort} (the benchmark's bench.controllers). */
    public static ServerManagement at(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return new ServerManagement(InetSocketAddress.createUnresolved(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1))));
    }

    /** host:port, for the interface's HTTP endpoints (/prometheus). */
    public String hostAndPort() {
        return address.getHostString() + ":" + address.getPort();
    }

    /** Whether the interface accepts connections: false once the server has stopped or been killed. */
    public boolean listening() {
        try (Socket s = new Socket(address.getHostString(), address.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs one operation and answers its result; a failed operation throws with the server's description. */
    public ModelNode execute(ModelNode operation) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create(address.getHostString(), address.getPort())) {
            ModelNode result = client.execute(operation);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException(Operations.getFailureDescription(result).asString());
            }
            return Operations.readResult(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many of the server's live threads have a name starting with {@code prefix}. */
    public long threadsNamed(String prefix) {
        ModelNode dump = Operations.createOperation("dump-all-threads",
                Operations.createAddress("core-service", "platform-mbean", "type", "threading"));
        dump.get("locked-monitors").set(false);
        dump.get("locked-synchronizers").set(false);
        return execute(dump).asList().stream()
                .filter(thread -> thread.get("thread-name").asString().startsWith(prefix))
                .count();
    }
}
