package io.issuehooks.startup;

import io.issuehooks.security.ApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * API calls the server makes to itself during its warm-up: an issue to record, with a key made for the call and
 * the warm-up's pass, so the real HTTP stack, authentication, the resource, the service and the answer's rendering
 * all run, in a transaction that {@link RolledBackRequestFilter} rolls back; the answer is 201 and nothing stays.
 */
final class LoopbackRequests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI issues;
    private final String pass;

    LoopbackRequests(URI base, String pass) {
        this.issues = base.resolve("/api/v1/issues");
        this.pass = pass;
    }

    /** The server's own HTTP listener, as WildFly's socket binding "http" resolves it. */
    static URI ownAddress() {
        return address(System.getProperty("jboss.bind.address", "127.0.0.1"), Integer.getInteger("jboss.http.port", 8080),
                Integer.getInteger("jboss.socket.binding.port-offset", 0));
    }

    /** A listener on every interface is reached on loopback; an IPv6 address goes in brackets. */
    static URI address(String bindAddress, int port, int offset) {
        String host = bindAddress;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + (port + offset));
    }

    /**
     * One call; true when it was answered as a real one is (201), false when not (before the deployment, no answer).
     * A key of its own: calls under way at once add their service accounts side by side, and the key's hash is unique.
     */
    boolean created() {
        HttpRequest request = HttpRequest.newBuilder(issues).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + ApiKeys.generate()).header(WarmUpPass.HEADER, pass)
                .header("Content-Type", "application/json").header("User-Agent", "Issuehooks warm-up")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pluginId\":\"warm-up\",\"severity\":\"high\","
                        + "\"targetId\":\"warm-up-target\",\"weakness\":\"The warm-up's own call, rolled back\"}")).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
