package io.issuehooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** HTTPS against a certificate for the name localhost only, made with the JDK's keytool. */
class WebhookHttpsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final DestinationPolicy LOOPBACK_ALLOWED = DestinationPolicy.fromSetting("127.0.0.0/8");

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static ExecutorService serverThreads;
    private static SSLContext trustingTestCertificate;
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        Path keyStoreFile = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-keystore", keyStoreFile.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", keyStore.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        trustingTestCertificate = SSLContext.getInstance("TLS");
        trustingTestCertificate.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void deliversOverHttpsWhenTheCertificateIsTrustedAndMatchesTheName() throws IOException {
        try (WebhookHttpClient client = client(trustingTestCertificate)) {
            HttpOutcome outcome = client.post(url("localhost"), JSON, BODY);

            assertThat(outcome.error()).isNull();
            assertThat(outcome.statusCode()).isEqualTo(200);
            assertThat(outcome.responseExcerpt()).isEqualTo("secure");
        }
    }

    @Test
    void refusesACertificateThatDoesNotNameTheHost() {
        int before = requests.get();
        try (WebhookHttpClient client = client(trustingTestCertificate)) {
            // The certificate names localhost only, not the IP address.
            HttpOutcome outcome = client.post(url("127.0.0.1"), JSON, BODY);

            assertThat(outcome.statusCode()).isZero();
            assertThat(outcome.error()).startsWith("TLS handshake failed: ");
            assertThat(requests.get()).isEqualTo(before);
        }
    }

    @Test
    void theSystemTrustStoreDoesNotTrustASelfSignedCertificate() {
        int before = requests.get();
        try (WebhookHttpClient client = new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5),
                LOOPBACK_ALLOWED, "issuehooks-test/1.0", 10, 4)) {
            HttpOutcome outcome = client.post(url("localhost"), JSON, BODY);

            assertThat(outcome.statusCode()).isZero();
            assertThat(outcome.error()).startsWith("TLS handshake failed: ").contains("PKIX");
            assertThat(requests.get()).isEqualTo(before);
        }
    }

    private static WebhookHttpClient client(SSLContext sslContext) {
        return new WebhookHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5), LOOPBACK_ALLOWED,
                "issuehooks-test/1.0", 10, 4, new GuardedDnsResolver(LOOPBACK_ALLOWED), sslContext);
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/hook");
    }
}
