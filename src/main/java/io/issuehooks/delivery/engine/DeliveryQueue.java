package io.issuehooks.delivery.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;

/**
 * Puts delivery attempts on the persistent Deliveries queue through the XA connection factory, in the caller's
 * JTA transaction if it has one: the relay's batches of first attempts from the deliveries' outbox, retries,
 * deferred attempts and redeliveries. First attempts travel in JMS groups (see {@link DeliveryMessage#group}), so
 * one consumer at a time takes an issue's deliveries, in commit order; a retry is a scheduled message outside any group, so a
 * failing delivery never holds back the others.
 */
@ApplicationScoped
public class DeliveryQueue {

    public static final String QUEUE = "java:/jms/queue/Deliveries";

    // A context per call rather than an injected JMSContext, which resolves its delegate on every method call.
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;

    @Resource(lookup = QUEUE)
    Queue queue;

    /**
     * A message to be handed out after {@code delay}; {@code committedAt} (milliseconds since the epoch), for a first
     * attempt from the deliveries' outbox, is when its event committed, from which the delivery latency is measured
     * (0: none, the message's own timestamp counts).
     */
    public record Relayed(DeliveryMessage message, Duration delay, long committedAt, boolean inOutbox) {

        public Relayed(DeliveryMessage message, Duration delay, long committedAt) {
            this(message, delay, committedAt, false);
        }
    }

    /** Sends the messages, to be handed out after the delay (retries, deferred attempts, redeliveries). */
    public void send(List<DeliveryMessage> messages, Duration delay) {
        relay(messages.stream().map(m -> new Relayed(m, delay, 0)).toList());
    }

    /** Sends the messages in their order (DeliveryRelay: the outbox's first attempts). */
    public void relay(List<Relayed> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (JMSContext jms = factory.createContext()) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Relayed r : messages) {
                TextMessage m = jms.createTextMessage(r.message().payload());
                r.message().write(m);
                if (r.committedAt() > 0) {
                    m.setLongProperty(DeliveryMessage.COMMITTED_AT, r.committedAt());
                }
                if (r.inOutbox()) {
                    m.setBooleanProperty(DeliveryMessage.IN_OUTBOX, true);
                }
                producer.setDeliveryDelay(r.delay().toMillis()).send(queue, m);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot queue deliveries", e);
        }
    }
}
