package io.issuehooks.delivery;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;

/**
 * Puts delivery attempts on the persistent Deliveries queue, in the caller's JTA transaction. A first attempt
 * joins its (webhook, issue) JMS group, so one consumer takes that group's deliveries in commit order; a retry
 * is a scheduled message outside the group, so a failing delivery never holds back the others.
 */
@ApplicationScoped
public class DeliveryQueue {

    public static final String QUEUE = "java:/jms/queue/Deliveries";

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    public void first(DeliveryMessage message) {
        send(message, Duration.ZERO, true);
    }

    public void later(DeliveryMessage message, Duration delay) {
        send(message, delay, false);
    }

    private void send(DeliveryMessage message, Duration delay, boolean grouped) {
        try {
            TextMessage m = jms.createTextMessage(message.payload());
            message.write(m);
            if (grouped) {
                m.setStringProperty("JMSXGroupID", message.group());
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(delay.toMillis()).send(queue, m);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot queue delivery " + message.deliveryId(), e);
        }
    }
}
