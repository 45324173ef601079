package io.issuehooks.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.UUID;

/**
 * What a message on the Deliveries queue asks for: attempt number {@code attempt} of a delivery, the
 * {@code scheduleIndex}-th of its current run of retries, with the payload to send. A message whose attempt no
 * longer matches the delivery's count is a stale duplicate and does nothing.
 */
public record DeliveryMessage(UUID deliveryId, UUID webhookId, int attempt, int scheduleIndex, String issueId, String payload) {

    static final String DELIVERY_ID = "deliveryId";
    static final String WEBHOOK_ID = "webhookId";
    static final String ATTEMPT = "attempt";
    static final String SCHEDULE_INDEX = "scheduleIndex";
    static final String ISSUE_ID = "issueId";

    static DeliveryMessage read(Message message) {
        try {
            return new DeliveryMessage(UUID.fromString(message.getStringProperty(DELIVERY_ID)),
                    UUID.fromString(message.getStringProperty(WEBHOOK_ID)), message.getIntProperty(ATTEMPT),
                    message.getIntProperty(SCHEDULE_INDEX), message.getStringProperty(ISSUE_ID),
                    ((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable delivery message", e);
        }
    }

    void write(Message message) throws JMSException {
        message.setStringProperty(DELIVERY_ID, deliveryId.toString());
        message.setStringProperty(WEBHOOK_ID, webhookId.toString());
        message.setIntProperty(ATTEMPT, attempt);
        message.setIntProperty(SCHEDULE_INDEX, scheduleIndex);
        message.setStringProperty(ISSUE_ID, issueId);
    }

    /** The message for the attempt after this one, in the same run of retries. */
    DeliveryMessage retry() {
        return new DeliveryMessage(deliveryId, webhookId, attempt + 1, scheduleIndex + 1, issueId, payload);
    }

    /** The group that keeps one webhook's deliveries about one issue in order. */
    String group() {
        return webhookId + "/" + issueId;
    }
}
