package io.issuehooks.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the message broker answers: a browser opened on the Deliveries queue through the application's own
 * connection factory, which reaches the embedded broker or the external one. With an external broker down the
 * client may wait for it to come back, so the probe runs on a thread of its own and the answer is given up
 * after the timeout; at most one probe is under way at a time, however often health is asked.
 */
@ApplicationScoped
public class BrokerCheck {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/Deliveries")
    Queue queue;

    @Resource
    ManagedExecutorService executor;

    private final AtomicReference<Future<Boolean>> probe = new AtomicReference<>();

    public boolean answers(Duration timeout) {
        Future<Boolean> running = probe.updateAndGet(p -> p == null || p.isDone() ? executor.submit(this::browse) : p);
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean browse() {
        try (JMSContext jms = factory.createContext(); QueueBrowser browser = jms.createBrowser(queue)) {
            browser.getEnumeration();
            return true;
        } catch (JMSException | JMSRuntimeException e) {
            return false;
        }
    }
}
