package io.issuehooks.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Creates issues through the API, as a client would (HTTP/1.1 keep-alive, JSON), and notes when each call
 * returned: the moment its change, and so its event, is committed from the client's point of view. Closed loop
 * (N clients, each creating issues one after another) or open loop at a fixed rate (a call every 1/rate seconds,
 * whether or not the earlier ones have returned, so that a slow server cannot slow the offered load down).
 * <p>
 * The calls go through Apache HttpClient's blocking client (the one the server delivers with), not the JDK's
 * {@code java.net.http.HttpClient}. The client runs on the measured machine, so what it spends the server and the
 * database do not get: the JDK's client took 0.53–0.62 ms of the machine per event at 400 events/s in a quiet hour,
 * this one 0.28–0.39 (docs/operations.md, "A leaner load generator").
 */
final class LoadGenerator {

    private static final ContentType JSON = ContentType.create("application/json");
    /** Calls of the open loop under way at most (its threads), and so the connections it may need, to any node. */
    private static final int CALLERS = 256;

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(CALLERS).setMaxConnPerRoute(CALLERS)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build()).build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
            .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableContentCompression()
            .build();
    /** The issues endpoint of every node: calls go round robin, as a load balancer would send them. */
    private final List<URI> issues;
    private final AtomicLong next = new AtomicLong();
    private final String key;
    /** issue id -> System.nanoTime() when its creation returned 201. */
    final ConcurrentHashMap<String, Long> committed = new ConcurrentHashMap<>();
    /** API call durations (ns), from the moment the call was due (open loop) or sent (closed loop). */
    final ConcurrentLinkedQueue<Long> apiLatencies = new ConcurrentLinkedQueue<>();
    final AtomicLong failures = new AtomicLong();
    /** Calls of the last open loop still under way (or waiting for a thread) when it stopped offering. */
    volatile int backlogAtEnd;
    /** Calls of the open loop under way or waiting for a thread now. */
    final AtomicInteger inFlight = new AtomicInteger();

    LoadGenerator(List<String> bases, String key) {
        this.issues = bases.stream().map(b -> URI.create(b + "/api/v1/issues")).toList();
        this.key = key;
    }

    /** Forgets what earlier calls recorded, so that the next measurement counts only its own. */
    void reset() {
        committed.clear();
        apiLatencies.clear();
        failures.set(0);
    }

    /** Creates one issue; answers its id, or null when the API did not answer 201. */
    String create(long due) {
        HttpPost post = new HttpPost(issues.get((int) (next.getAndIncrement() % issues.size())));
        post.setHeader("Authorization", "Bearer " + key);
        post.setHeader("Accept", "application/json");
        post.setEntity(new ByteArrayEntity(("{\"pluginId\":\"bench\",\"severity\":\"high\",\"targetId\":\""
                + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8), JSON));
        try {
            String body = http.execute(post, r -> r.getCode() == 201 ? EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8) : null);
            long now = System.nanoTime();
            if (body == null) {
                failures.incrementAndGet();
                return null;
            }
            int at = body.indexOf("\"id\":\"");
            String id = body.substring(at + 6, at + 42);
            committed.put(id, now);
            apiLatencies.add(now - due);
            return id;
        } catch (Exception e) {
            failures.incrementAndGet();
            return null;
        }
    }

    /** {@code count} issues from {@code clients} threads; answers the seconds it took. */
    double closedLoop(int count, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients, DeliveryBenchmark::daemon);
        AtomicInteger left = new AtomicInteger(count);
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            all.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    create(System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Offers {@code rate} creations a second for {@code seconds}, each on a thread of a large pool, calling
     * {@code tick} once a second. With {@code shed} (a warm-up), a call that finds 64 others still under way is
     * skipped rather than queued, so a cold server is warmed without piling up minutes of backlog. Answers how
     * many calls were made.
     */
    long openLoop(double rate, int seconds, Runnable tick, boolean shed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS, DeliveryBenchmark::daemon);
        inFlight.set(0);
        long made = 0;
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long total = (long) (rate * seconds);
        long nextTick = start + 1_000_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!shed || inFlight.get() < 64) {
                inFlight.incrementAndGet();
                made++;
                pool.execute(() -> {
                    try {
                        create(due);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
            if (System.nanoTime() >= nextTick) {
                tick.run();
                nextTick += 1_000_000_000L;
            }
        }
        backlogAtEnd = inFlight.get();
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        return made;
    }
}
