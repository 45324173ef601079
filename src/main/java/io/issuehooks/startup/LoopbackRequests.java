package io.issuehooks.startup;

import io.issuehooks.security.ApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * API calls the server makes to itself during its warm-up: an issue to record, sent with a key that was generated
 * here and stored nowhere, so the real HTTP stack, the authentication filter and its key lookup run and answer 401,
 * and nothing else happens.
 */
final class LoopbackRequests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;

    LoopbackRequests(URI base) {
        request = HttpRequest.newBuilder(base.resolve("/api/v1/issues")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + ApiKeys.generate()).header("Content-Type", "application/json")
                .header("User-Agent", "Issuehooks warm-up")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pluginId\":\"warm-up\",\"severity\":\"high\"}")).build();
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

    /** One call; true when it was refused as it should be (401), false when the listener did not answer so. */
    boolean refused() {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
