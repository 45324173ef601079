package io.issuehooks.delivery.engine;

import io.issuehooks.contract.IssueEvent;
import io.issuehooks.delivery.store.PlannedAttempt;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a message on the Deliveries queue asks for: attempts of one or more deliveries of one event, which share
 * its payload. Fan-out puts the first attempts of an event's deliveries to healthy webhooks in one message, so
 * they are sent concurrently and recorded in one transaction; a failing webhook's first attempt, a retry and a
 * redelivery are messages of their own. {@code group} is the JMS group that keeps the message in order behind
 * the earlier ones about the same issue (null: none). {@code orderKey} is what orders the event's messages: its
 * issue's id, or for an operational event about no issue the id of the webhook it is about (null in a recovered
 * copy of one).
 */
public record DeliveryMessage(UUID eventId, String orderKey, String payload, List<PlannedAttempt> attempts, String group,
        boolean paced) {

    static final String ATTEMPTS = "attempts";
    static final String EVENT_ID = "eventId";
    static final String ORDER_KEY = "issueId"; // the property's name since 1.0, kept for messages still queued
    static final String PACED = "paced";
    /** When the event committed, on first attempts relayed from the outbox (their JMS timestamp is the relay's). */
    static final String COMMITTED_AT = "committedAt";
    /**
     * On a first attempt handed to the queue by {@link DirectDelivery} rather than by the relay: its outbox row is
     * still there, to be deleted with its outcomes.
     */
    static final String IN_OUTBOX = "inOutbox";

    public DeliveryMessage {
        attempts = List.copyOf(attempts);
    }

    /** An event's first attempts to healthy webhooks: in the issue's group. */
    public static DeliveryMessage batch(UUID eventId, String orderKey, String payload, List<PlannedAttempt> attempts) {
        return new DeliveryMessage(eventId, orderKey, payload, attempts, IssueEvent.group(orderKey), false);
    }

    /**
     * A failing or congested webhook's first attempt: in a group of that webhook and the issue's group, so it holds
     * back no other webhook.
     */
    public static DeliveryMessage isolated(UUID eventId, String orderKey, String payload, PlannedAttempt attempt) {
        return new DeliveryMessage(eventId, orderKey, payload, List.of(attempt), attempt.webhookId() + "/" + IssueEvent.group(orderKey), false);
    }

    /** A retry or a redelivery: outside any group, so it never holds back the deliveries behind it. */
    public static DeliveryMessage single(UUID eventId, String orderKey, String payload, PlannedAttempt attempt) {
        return new DeliveryMessage(eventId, orderKey, payload, List.of(attempt), null, false);
    }

    static DeliveryMessage read(Message message) {
        try {
            List<PlannedAttempt> attempts = attempts(message.getStringProperty(ATTEMPTS));
            String eventId = message.getStringProperty(EVENT_ID); // absent from messages queued by versions before 1.1
            return new DeliveryMessage(eventId == null ? null : UUID.fromString(eventId), message.getStringProperty(ORDER_KEY),
                    ((TextMessage) message).getText(), attempts, message.getStringProperty("JMSXGroupID"), flag(message, PACED));
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable delivery message", e);
        }
    }

    /** Whether the message is a first attempt whose outbox row is still there ({@link #IN_OUTBOX}). */
    static boolean inOutbox(Message message) {
        try {
            return flag(message, IN_OUTBOX);
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable delivery message", e);
        }
    }

    private static boolean flag(Message message, String property) throws JMSException {
        return message.propertyExists(property) && message.getBooleanProperty(property);
    }

    /** The attempts as the message's property (and the outbox's row) holds them. */
    String attemptsText() {
        StringBuilder list = new StringBuilder();
        for (PlannedAttempt a : attempts) {
            if (list.length() > 0) {
                list.append(',');
            }
            list.append(a.deliveryId()).append('/').append(a.webhookId()).append('/').append(a.number()).append('/').append(a.scheduleIndex());
        }
        return list.toString();
    }

    static List<PlannedAttempt> attempts(String text) {
        List<PlannedAttempt> attempts = new ArrayList<>();
        for (String entry : text.split(",")) {
            String[] f = entry.split("/");
            attempts.add(new PlannedAttempt(UUID.fromString(f[0]), UUID.fromString(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        }
        return attempts;
    }

    void write(Message message) throws JMSException {
        message.setStringProperty(ATTEMPTS, attemptsText());
        if (eventId != null) {
            message.setStringProperty(EVENT_ID, eventId.toString());
        }
        if (orderKey != null) {
            message.setStringProperty(ORDER_KEY, orderKey);
        }
        if (group != null) {
            message.setStringProperty("JMSXGroupID", group);
        }
        if (paced) {
            message.setBooleanProperty(PACED, true);
        }
    }

    /** One attempt of a batch taken out of it, in the group its webhook's messages about this issue share. */
    DeliveryMessage isolate(PlannedAttempt attempt) {
        return isolated(eventId, orderKey, payload, attempt);
    }

    /**
     * The same attempt later, as a message of its own: its webhook was at its limit (WebhookLanes). {@code paced}:
     * the wait is the attempt's turn under the webhook's rate limit, already reserved for it.
     */
    DeliveryMessage deferred(PlannedAttempt attempt, boolean paced) {
        return new DeliveryMessage(eventId, orderKey, payload, List.of(attempt), null, paced);
    }

    DeliveryMessage retry(PlannedAttempt attempt) {
        return single(eventId, orderKey, payload, attempt.retry());
    }
}
