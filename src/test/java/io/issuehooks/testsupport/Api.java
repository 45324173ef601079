package io.issuehooks.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A black-box client of the running application's HTTP API, as any consumer would use it. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final String BOOTSTRAP = System.getenv("ISSUEHOOKS_BOOTSTRAP_TOKEN");

    private final String base;

    public Api(URL base) {
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public String base() {
        return base;
    }

    public Reply get(String path, String key) {
        return send(request(path, key).GET());
    }

    public Reply delete(String path, String key) {
        return send(request(path, key).DELETE());
    }

    public Reply post(String path, String key, Object json) {
        return send(body(request(path, key), "POST", json, "application/json"));
    }

    public Reply put(String path, String key, Object json) {
        return send(body(request(path, key), "PUT", json, "application/json"));
    }

    public Reply patch(String path, String key, Object json) {
        return send(body(request(path, key), "PATCH", json, "application/merge-patch+json"));
    }

    /** Any method, raw body and content type: for the requests a careless client sends. */
    public Reply raw(String method, String path, String key, String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(path, key);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A body of raw bytes, for what is not even text: bytes that are not UTF-8. */
    public Reply rawBytes(String method, String path, String key, String contentType, byte[] body) {
        return send(request(path, key).header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private static HttpRequest.Builder body(HttpRequest.Builder b, String method, Object json, String type) {
        return b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(json.toString()));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers, body, and the body as JSON when it is JSON. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                JsonStructure s = reader.read();
                return s.asJsonObject();
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
