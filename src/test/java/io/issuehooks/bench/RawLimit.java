package io.issuehooks.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw limit of this machine for what a delivery is: a JDK client sending signed POSTs of a payload-sized body
 * (each signed as a delivery is: HMAC-SHA256 hex and Standard Webhooks) to the benchmark's receiver on loopback, as
 * fast as it answers, from several threads. Every product figure is printed as a share of this one, measured in
 * the same run on the same machine.
 */
final class RawLimit {

    private RawLimit() {
    }

    /**
     * Requests per second over the last {@code seconds} of a run of {@code seconds} + 5 (the first five warm the
     * client up), from {@code threads} senders.
     */
    static double measure(BenchReceiver receiver, int threads, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        byte[] key = new byte[24];
        new java.security.SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String body = samplePayload();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, DeliveryBenchmark::daemon);
        long start = System.nanoTime() + 5_000_000_000L;
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    String id = UUID.randomUUID().toString();
                    long ts = Instant.now().getEpochSecond();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url("/raw")))
                            .header("Content-Type", "application/json")
                            .header("X-Promptfoo-Signature", HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), bytes)))
                            .header("webhook-id", id)
                            .header("webhook-timestamp", Long.toString(ts))
                            .header("webhook-signature", "v1," + Base64.getEncoder().encodeToString(
                                    hmac(key, (id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8))))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 204 && System.nanoTime() > start) {
                            done.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (errors.get() > 0) {
            System.out.printf("  (raw limit: %d requests failed and were not counted)%n", errors.get());
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** A body the size and shape of an issue.created payload with one history entry. */
    static String samplePayload() {
        String id = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        return "{\"event\":\"issue.created\",\"timestamp\":\"" + now + "\",\"data\":{\"issue\":{\"id\":\"" + id
                + "\",\"pluginId\":\"bench\",\"status\":\"open\",\"severity\":\"high\",\"organizationId\":\"" + org
                + "\",\"targetId\":\"" + UUID.randomUUID() + "\",\"createdAt\":\"" + now + "\",\"updatedAt\":\"" + now
                + "\",\"history\":[{\"timestamp\":\"" + now + "\",\"userId\":\"" + UUID.randomUUID()
                + "\",\"event\":\"issue.created\",\"changes\":[]}]},\"eventData\":{},\"userId\":\"" + UUID.randomUUID() + "\"}}";
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
