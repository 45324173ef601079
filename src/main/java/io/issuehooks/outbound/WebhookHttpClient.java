package io.issuehooks.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one shared, pooled HTTP client for webhook deliveries. Connects only where the {@link DestinationPolicy}
 * allows, never follows redirects, and bounds every attempt by a whole-request deadline.
 */
public final class WebhookHttpClient implements AutoCloseable {

    /** Headers that describe the connection or the framing; the client owns them. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final TimeValue KEEP_ALIVE = TimeValue.ofSeconds(30);
    /** Bounds how long a pooled connection keeps using an address after DNS has moved on. */
    private static final TimeValue CONNECTION_TIME_TO_LIVE = TimeValue.ofMinutes(5);

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final CloseableHttpClient client;
    /** One thread aborts every late request: a blocked read cannot see its own deadline. */
    private final ScheduledThreadPoolExecutor deadlines;

    public WebhookHttpClient(Duration connectTimeout, Duration requestTimeout, DestinationPolicy policy,
                             String userAgent, int maxConnectionsTotal, int maxConnectionsPerRoute) {
        this(connectTimeout, requestTimeout, policy, userAgent, maxConnectionsTotal, maxConnectionsPerRoute,
                new GuardedDnsResolver(policy), SSLContexts.createSystemDefault());
    }

    /** For tests: another resolver (the socket check still applies) and another trust store. */
    WebhookHttpClient(Duration connectTimeout, Duration requestTimeout, DestinationPolicy policy,
                      String userAgent, int maxConnectionsTotal, int maxConnectionsPerRoute,
                      DnsResolver dnsResolver, SSLContext sslContext) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxConnectionsTotal < 1 || maxConnectionsPerRoute < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1");
        }
        Timeout deadline = Timeout.of(requestTimeout);
        PoolingHttpClientConnectionManager connections = new GuardedConnectionManagerBuilder(policy)
                .setDnsResolver(dnsResolver)
                .setTlsSocketStrategy(tlsStrategy(sslContext))
                .setMaxConnTotal(maxConnectionsTotal)
                .setMaxConnPerRoute(maxConnectionsPerRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(deadline)
                        .setTimeToLive(CONNECTION_TIME_TO_LIVE)
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(deadline)
                        .setResponseTimeout(deadline)
                        .setConnectionKeepAlive(KEEP_ALIVE)
                        .setRedirectsEnabled(false)
                        .build())
                .setUserAgent(userAgent)
                .disableRedirectHandling()
                // A POST is not idempotent; the delivery scheduler decides about another attempt.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // Keeps the excerpt the bytes the receiver sent, and a compressed bomb out of the picture.
                .disableContentCompression()
                .evictExpiredConnections()
                .evictIdleConnections(KEEP_ALIVE)
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "webhook-request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * POSTs {@code body} with exactly the given headers (Content-Type included) and reports the outcome. Never
     * throws for network or HTTP problems; those become {@link HttpOutcome#error()}.
     */
    public HttpOutcome post(URI url, Map<String, String> headers, byte[] body) {
        long start = System.nanoTime();
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        String invalid = invalidRequest(url, headers);
        if (invalid != null) {
            return HttpOutcome.failure(invalid, millisSince(start));
        }
        HttpPost request = new HttpPost(url);
        headers.forEach(request::addHeader);
        request.setEntity(new ByteArrayEntity(body, null));

        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            // Closes the socket under whatever the request is blocked on. A no-op once the connection went
            // back to the pool, so it can never hit a connection another request is using.
            request.cancel();
        }, requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            Duration retryAfter = retryAfter(response);
            String excerpt = readExcerpt(response.getEntity(), request);
            return HttpOutcome.response(response.getCode(), excerpt, millisSince(start), retryAfter);
        } catch (IOException e) {
            return HttpOutcome.failure(expired.get() ? requestTimedOut() : describe(e, url), millisSince(start));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }

    /** Reads at most the excerpt; a longer body costs the connection rather than a download. */
    private static String readExcerpt(HttpEntity entity, HttpPost request) throws IOException {
        if (entity == null) {
            return "";
        }
        byte[] buffer = new byte[HttpOutcome.EXCERPT_LIMIT];
        InputStream in = entity.getContent();
        int length = in.readNBytes(buffer, 0, buffer.length);
        boolean more = length == buffer.length && (entity.getContentLength() > length || in.read() != -1);
        if (more) {
            // Closing the stream would drain the rest of the body to keep the connection; drop it instead.
            request.cancel();
        }
        // Otherwise the stream hit its end, which already handed the connection back to the pool.
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        return header == null ? null : HttpOutcome.parseRetryAfter(header.getValue(), Instant.now());
    }

    private String describe(IOException e, URI url) {
        if (e instanceof RefusedDestinationException) {
            return e.getMessage();
        }
        if (e instanceof ConnectTimeoutException) {
            return "connect timed out after " + format(connectTimeout);
        }
        if (e instanceof SocketTimeoutException) {
            return requestTimedOut();
        }
        if (e instanceof ConnectionRequestTimeoutException) {
            return requestTimedOut() + " waiting for a free connection";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        if (e instanceof SSLException) {
            // The classic client handshakes while connecting, before any of the request is written.
            return "TLS handshake failed: " + oneLine(e);
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host " + url.getHost();
        }
        if (e instanceof ConnectException) {
            String message = oneLine(e);
            return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused"
                    : "connect failed: " + message;
        }
        if (e instanceof NoHttpResponseException) {
            return "the server closed the connection without a response";
        }
        if (e.getCause() instanceof ProtocolException) {
            return "invalid HTTP response: " + oneLine(e.getCause());
        }
        return "I/O error: " + oneLine(e);
    }

    private String requestTimedOut() {
        return "request timed out after " + format(requestTimeout);
    }

    private static String invalidRequest(URI url, Map<String, String> headers) {
        if (url == null || url.getHost() == null) {
            return "invalid URL " + url + ": no host";
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "invalid URL " + url + ": only http and https are supported";
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                return "invalid header name '" + name + "'";
            }
            if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return "header " + name + " is set by the HTTP client and cannot be supplied";
            }
            // CR or LF would let a header value start a header or a request of its own.
            if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                return "invalid value for header " + name;
            }
        }
        return null;
    }

    private static TlsSocketStrategy tlsStrategy(SSLContext sslContext) {
        // What DefaultClientTlsStrategy.createSystemDefault() builds, for any SSLContext: the JSSE endpoint
        // identification and HttpClient's own hostname verifier both check the name.
        return new DefaultClientTlsStrategy(sslContext, HttpsSupport.getSystemProtocols(),
                HttpsSupport.getSystemCipherSuits(), SSLBufferMode.STATIC, HostnameVerificationPolicy.BOTH,
                HttpsSupport.getDefaultHostnameVerifier());
    }

    /** Plugs {@link GuardedSocketFactory} into the connection operator the builder would make anyway. */
    private static final class GuardedConnectionManagerBuilder extends PoolingHttpClientConnectionManagerBuilder {

        private final GuardedSocketFactory sockets;

        GuardedConnectionManagerBuilder(DestinationPolicy policy) {
            this.sockets = new GuardedSocketFactory(policy);
        }

        @Override
        protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemePortResolver,
                DnsResolver dnsResolver, TlsSocketStrategy tlsSocketStrategy) {
            return new DefaultHttpClientConnectionOperator(sockets, schemePortResolver, dnsResolver,
                    RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tlsSocketStrategy).build());
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException ignored) {
                // After a cancel the connection is already gone; nothing left to release.
            }
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return duration;
    }
}
