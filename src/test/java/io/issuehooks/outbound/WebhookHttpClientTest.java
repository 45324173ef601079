package io.issuehooks.outbound;

import static io.issuehooks.outbound.GuardedSocketFactoryTest.assertNoConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

class WebhookHttpClientTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final byte[] BODY = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    private static final DestinationPolicy LOOPBACK_ALLOWED = DestinationPolicy.fromSetting("127.0.0.0/8");

    private HttpServer server;
    private ExecutorService serverThreads;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 100);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void postsTheBodyAndHeadersAndReportsTheResponse() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        handle("/hook", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.put("agent", exchange.getRequestHeaders().getFirst("User-Agent"));
            seen.put("signature", exchange.getRequestHeaders().getFirst("Webhook-Signature"));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "accepted");
        });

        HttpOutcome outcome = client(Duration.ofSeconds(5)).post(url("/hook"),
                Map.of("Content-Type", "application/json", "Webhook-Signature", "v1,abc"), BODY);

        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.responseExcerpt()).isEqualTo("accepted");
        assertThat(outcome.retryAfter()).isNull();
        assertThat(outcome.durationMillis()).isBetween(0L, 5000L);
        assertThat(seen).containsEntry("method", "POST").containsEntry("type", "application/json")
                .containsEntry("agent", "issuehooks-test/1.0").containsEntry("signature", "v1,abc")
                .containsEntry("body", "{\"event\":\"ping\"}");
    }

    @Test
    void serverErrorsAreOutcomesNotErrors() {
        handle("/hook", exchange -> respond(exchange, 500, "boom"));

        HttpOutcome outcome = client(Duration.ofSeconds(5)).post(url("/hook"), JSON, BODY);

        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.responseExcerpt()).isEqualTo("boom");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsOnlyTheExcerptOfALongBodyAndDropsTheConnection(boolean chunked) throws Exception {
        long total = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        CountDownLatch handlerDone = new CountDownLatch(1);
        handle("/long", exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, chunked ? 0 : total);
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'b');
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] first = new byte[8192];
                    Arrays.fill(first, 0, HttpOutcome.EXCERPT_LIMIT, (byte) 'a');
                    Arrays.fill(first, HttpOutcome.EXCERPT_LIMIT, first.length, (byte) 'b');
                    out.write(first);
                    written.addAndGet(first.length);
                    while (written.get() < total) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                }
            } catch (IOException expected) {
                // the client hung up
            } finally {
                handlerDone.countDown();
            }
        });
        handle("/short", exchange -> respond(exchange, 200, "ok"));
        WebhookHttpClient client = client(Duration.ofSeconds(10));

        HttpOutcome outcome = client.post(url("/long"), JSON, BODY);

        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.responseExcerpt()).isEqualTo("a".repeat(HttpOutcome.EXCERPT_LIMIT));
        assertThat(outcome.durationMillis()).isLessThan(5000);
        assertThat(handlerDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).as("bytes the server managed to send").isLessThan(total / 2);

        // The truncated connection was discarded, so the next delivery opens a new one.
        assertThat(client.post(url("/short"), JSON, BODY).responseExcerpt()).isEqualTo("ok");
        assertThat(clientPorts).hasSize(2);
    }

    @Test
    void aBodyOfExactlyTheExcerptSizeIsReadWholeAndKeepsTheConnection() {
        handle("/hook", exchange -> respond(exchange, 200, "x".repeat(HttpOutcome.EXCERPT_LIMIT)));
        WebhookHttpClient client = client(Duration.ofSeconds(5));

        assertThat(client.post(url("/hook"), JSON, BODY).responseExcerpt()).isEqualTo("x".repeat(4096));
        assertThat(client.post(url("/hook"), JSON, BODY).responseExcerpt()).isEqualTo("x".repeat(4096));
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void replacesMalformedUtf8() {
        handle("/hook", exchange -> respond(exchange, 200, new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3}));

        assertThat(client(Duration.ofSeconds(5)).post(url("/hook"), JSON, BODY).responseExcerpt())
                .isEqualTo("ok\uFFFD\uFFFD");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void doesNotFollowRedirects(int status) {
        AtomicInteger targetHits = new AtomicInteger();
        handle("/target", exchange -> {
            targetHits.incrementAndGet();
            respond(exchange, 200, "followed");
        });
        handle("/hook", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/target").toString());
            respond(exchange, status, "moved");
        });

        HttpOutcome outcome = client(Duration.ofSeconds(5)).post(url("/hook"), JSON, BODY);

        assertThat(outcome.statusCode()).isEqualTo(status);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.responseExcerpt()).isEqualTo("moved");
        assertThat(targetHits).hasValue(0);
    }

    @Test
    void timesOutAServerThatNeverAnswers() {
        handle("/slow", exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late");
        });

        HttpOutcome outcome = client(Duration.ofMillis(500)).post(url("/slow"), JSON, BODY);

        assertThat(outcome.statusCode()).isZero();
        assertThat(outcome.error()).isEqualTo("request timed out after 500 ms");
        assertThat(outcome.responseExcerpt()).isNull();
        assertThat(outcome.durationMillis()).isBetween(450L, 1500L);
    }

    @Test
    void theDeadlineHoldsAgainstABodyTrickledByteByByte() {
        handle("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException expected) {
                // the client gave up
            }
        });

        HttpOutcome outcome = client(Duration.ofMillis(600)).post(url("/trickle"), JSON, BODY);

        assertThat(outcome.error()).isEqualTo("request timed out after 600 ms");
        assertThat(outcome.durationMillis()).isBetween(550L, 1600L);
    }

    @Test
    void theDeadlineHoldsAgainstResponseHeadersTrickledByteByByte() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Future<?> trickler = serverThreads.submit(() -> {
                try (Socket socket = listener.accept(); OutputStream out = socket.getOutputStream()) {
                    for (byte b : "HTTP/1.1 200 OK\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII)) {
                        out.write(b);
                    }
                    for (int i = 0; i < 200; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up
                }
                return null;
            });

            HttpOutcome outcome = client(Duration.ofMillis(600)).post(
                    URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/hook"), JSON, BODY);

            assertThat(outcome.error()).isEqualTo("request timed out after 600 ms");
            assertThat(outcome.durationMillis()).isBetween(550L, 1600L);
            trickler.cancel(true);
        }
    }

    @Test
    void theDeadlineCoversWaitingForAPooledConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        handle("/busy", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "done");
        });
        WebhookHttpClient client = track(new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofMillis(700),
                LOOPBACK_ALLOWED, "issuehooks-test/1.0", 1, 1));
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<HttpOutcome> first = sender.submit(() -> client.post(url("/busy"), JSON, BODY));
            Thread.sleep(200); // let the first request take the only connection

            HttpOutcome second = client.post(url("/busy"), JSON, BODY);

            // Its own deadline, counted from its start, though it only got the connection when the first let go.
            assertThat(second.error()).startsWith("request timed out after 700 ms");
            assertThat(second.durationMillis()).isBetween(650L, 1200L);
            assertThat(first.get(5, TimeUnit.SECONDS).error()).isEqualTo("request timed out after 700 ms");
        } finally {
            release.countDown();
            sender.shutdownNow();
        }
    }

    @Test
    void reportsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = unused.getLocalPort();
        }

        HttpOutcome outcome = client(Duration.ofSeconds(5)).post(URI.create("http://127.0.0.1:" + port + "/"), JSON, BODY);

        assertThat(outcome.statusCode()).isZero();
        assertThat(outcome.error()).isEqualTo("connection refused");
        assertThat(outcome.responseExcerpt()).isNull();
    }

    @Test
    void reportsConnectTimeouts() throws IOException {
        // With its accept queue full, Linux drops further SYNs, so the next connect hangs until it times out.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", listener.getLocalPort());
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(address, 200);
                        fillers.add(filler);
                    } catch (IOException full) {
                        filler.close();
                        break;
                    }
                }
                WebhookHttpClient client = track(new WebhookHttpClient(Duration.ofMillis(300), Duration.ofSeconds(5),
                        LOOPBACK_ALLOWED, "issuehooks-test/1.0", 10, 5));

                HttpOutcome outcome = client.post(URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"), JSON, BODY);

                assertThat(outcome.error()).isEqualTo("connect timed out after 300 ms");
                assertThat(outcome.durationMillis()).isBetween(250L, 2000L);
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void parsesRetryAfter() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        handle("/seconds", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "120");
            respond(exchange, 429, "slow down");
        });
        handle("/date", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", date);
            respond(exchange, 503, "later");
        });
        handle("/invalid", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "soon");
            respond(exchange, 429, "");
        });
        WebhookHttpClient client = client(Duration.ofSeconds(5));

        HttpOutcome seconds = client.post(url("/seconds"), JSON, BODY);
        assertThat(seconds.statusCode()).isEqualTo(429);
        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(client.post(url("/date"), JSON, BODY).retryAfter().toSeconds()).isCloseTo(60, within(3L));
        assertThat(client.post(url("/invalid"), JSON, BODY).retryAfter()).isNull();
    }

    @Test
    void reusesConnections() {
        handle("/hook", exchange -> respond(exchange, 204, ""));
        WebhookHttpClient client = client(Duration.ofSeconds(5));

        for (int i = 0; i < 10; i++) {
            assertThat(client.post(url("/hook"), JSON, BODY).statusCode()).isEqualTo(204);
        }

        assertThat(requests).hasValue(10);
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void concurrentDeliveriesShareABoundedPool() throws Exception {
        handle("/hook", exchange -> respond(exchange, 200, "ok"));
        WebhookHttpClient client = client(Duration.ofSeconds(5));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                outcomes.add(senders.submit(() -> client.post(url("/hook"), JSON, BODY)));
            }
            for (Future<HttpOutcome> outcome : outcomes) {
                assertThat(outcome.get(10, TimeUnit.SECONDS).success()).isTrue();
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(requests).hasValue(400);
        assertThat(clientPorts).as("connections opened, at most the per-route limit").hasSizeBetween(1, 4);
    }

    @Test
    void refusesLoopbackUnlessAllowedAndNeverConnects() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = listener.getLocalPort();
            WebhookHttpClient client = track(new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5),
                    DestinationPolicy.publicOnly(), "issuehooks-test/1.0", 10, 4));

            HttpOutcome literal = client.post(URI.create("http://127.0.0.1:" + port + "/hook"), JSON, BODY);
            assertThat(literal.statusCode()).isZero();
            assertThat(literal.error()).isEqualTo("refused destination 127.0.0.1: 127.0.0.1 is a loopback address");

            HttpOutcome ipv6 = client.post(URI.create("http://[::1]:" + port + "/hook"), JSON, BODY);
            assertThat(ipv6.error()).startsWith("refused destination ").endsWith("::1 is a loopback address");

            // The JDK reads 2130706433 as 127.0.0.1 without asking DNS; the check sees the address.
            HttpOutcome decimal = client.post(URI.create("http://2130706433:" + port + "/hook"), JSON, BODY);
            assertThat(decimal.error()).isEqualTo("refused destination 2130706433: 127.0.0.1 is a loopback address");

            assertNoConnection(listener);
        }
    }

    @Test
    void checksTheAddressesANameResolvesTo() {
        handle("/hook", exchange -> respond(exchange, 200, "ok"));
        URI viaName = URI.create("http://localhost:" + server.getAddress().getPort() + "/hook");

        HttpOutcome refused = track(new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5),
                DestinationPolicy.publicOnly(), "issuehooks-test/1.0", 10, 4)).post(viaName, JSON, BODY);
        assertThat(refused.error()).startsWith("refused destination localhost: ").contains("is a loopback address");
        assertThat(requests).hasValue(0);

        HttpOutcome allowed = client(Duration.ofSeconds(5)).post(viaName, JSON, BODY);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(requests).hasValue(1);
    }

    @Test
    void theSocketRefusesWhatAResolverLetsThrough() throws IOException {
        // Stands for a rebinding answer that slipped past the resolver: the connect itself must still refuse.
        DnsResolver unguarded = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            WebhookHttpClient client = track(new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5),
                    DestinationPolicy.publicOnly(), "issuehooks-test/1.0", 10, 4, unguarded, SSLContext.getDefault()));

            HttpOutcome outcome = client.post(
                    URI.create("http://rebind.example:" + listener.getLocalPort() + "/hook"), JSON, BODY);

            assertThat(outcome.error()).isEqualTo("refused destination rebind.example: 127.0.0.1 is a loopback address");
            assertNoConnection(listener);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reportsUnknownHosts() throws Exception {
        DnsResolver nothing = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                throw new UnknownHostException(host + ": Name or service not known");
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        WebhookHttpClient client = track(new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5),
                DestinationPolicy.publicOnly(), "issuehooks-test/1.0", 10, 4, nothing, SSLContext.getDefault()));

        assertThat(client.post(URI.create("https://hooks.example.invalid/x"), JSON, BODY).error())
                .isEqualTo("unknown host hooks.example.invalid");
    }

    @Test
    void reportsTlsFailures() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Future<?> plainServer = serverThreads.submit(() -> {
                try (Socket socket = listener.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(1000);
                }
                return null;
            });

            HttpOutcome outcome = client(Duration.ofSeconds(5)).post(
                    URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/hook"), JSON, BODY);

            assertThat(outcome.statusCode()).isZero();
            assertThat(outcome.error()).startsWith("TLS handshake failed: ");
            plainServer.cancel(true);
        }
    }

    @Test
    void rejectsHeadersTheClientOwnsAndHeaderInjection() {
        handle("/hook", exchange -> respond(exchange, 200, "ok"));
        WebhookHttpClient client = client(Duration.ofSeconds(5));

        assertThat(client.post(url("/hook"), Map.of("Content-Length", "1"), BODY).error())
                .isEqualTo("header Content-Length is set by the HTTP client and cannot be supplied");
        assertThat(client.post(url("/hook"), Map.of("X-Evil", "a\r\nHost: other"), BODY).error())
                .isEqualTo("invalid value for header X-Evil");
        assertThat(client.post(url("/hook"), Map.of("Bad Name", "x"), BODY).error())
                .isEqualTo("invalid header name 'Bad Name'");
        assertThat(client.post(URI.create("ftp://127.0.0.1/"), JSON, BODY).error())
                .isEqualTo("invalid URL ftp://127.0.0.1/: only http and https are supported");
        assertThat(requests).hasValue(0);
    }

    // ---- helpers ----

    private WebhookHttpClient client(Duration requestTimeout) {
        return track(new WebhookHttpClient(Duration.ofSeconds(2), requestTimeout, LOOPBACK_ALLOWED,
                "issuehooks-test/1.0", 20, 4));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            requests.incrementAndGet();
            handler.handle(exchange);
        });
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
