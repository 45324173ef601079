package io.issuehooks.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for a positive signal, polled every 200 ms, with a deadline and a message saying what never came. */
public final class Await {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Await() {
    }

    /** Whether the condition came true within the timeout. */
    public static boolean within(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Receiver.sleep(Duration.ofMillis(200));
        }
        return true;
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        if (!within(condition, timeout)) {
            throw new AssertionError("Waited " + timeout + " in vain until " + what);
        }
    }

    /** Reads a value until it satisfies {@code done}, and answers it. */
    public static <T> T value(Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
        AtomicReference<T> last = new AtomicReference<>();
        until(() -> {
            last.set(read.get());
            return done.test(last.get());
        }, timeout, what);
        return last.get();
    }

    /** Until the server at {@code base} (ending in /) answers its health check with 200. */
    public static void healthy(String base, Duration timeout) {
        until(() -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, timeout, "the application answered on " + base);
    }
}
