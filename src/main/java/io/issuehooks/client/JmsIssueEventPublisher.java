package io.issuehooks.client;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.UUID;

/**
 * Sends issue events to the persistent IssueEvents queue through the XA connection factory, so that, called
 * inside a JTA transaction, the messages exist if and only if that transaction commits. Messages of one issue
 * share a JMS group ({@link IssueEvent#group}), so they are fanned out one after another, in order. {@link #read} is the inverse, for the
 * server that consumes the queue.
 */
@ApplicationScoped
public class JmsIssueEventPublisher implements IssueEventPublisher {

    public static final String QUEUE = "java:/jms/queue/IssueEvents";
    static final String EVENT_ID = "eventId";
    static final String EVENT_TYPE = "eventType";
    static final String ISSUE_ID = "issueId";
    static final String ORGANIZATION_ID = "organizationId";
    static final String TEAM_ID = "teamId";

    // A context of its own per call rather than an injected JMSContext: the injected one resolves its
    // transaction-scoped delegate on every method call, which cost more than the sends themselves.
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;

    @Resource(lookup = QUEUE)
    Queue queue;

    @Override
    public void publish(List<IssueEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (JMSContext jms = factory.createContext()) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (IssueEvent event : events) {
                TextMessage message = jms.createTextMessage(event.payload());
                message.setStringProperty(EVENT_ID, event.id().toString());
                message.setStringProperty(EVENT_TYPE, event.type().wireName());
                message.setStringProperty(ISSUE_ID, event.issueId());
                message.setStringProperty(ORGANIZATION_ID, event.organizationId());
                if (event.teamId() != null) {
                    message.setStringProperty(TEAM_ID, event.teamId());
                }
                message.setStringProperty("JMSXGroupID", IssueEvent.group(event.issueId()));
                producer.send(queue, message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot publish issue events", e);
        }
    }

    /** The event a message of the queue carries; null when it is not one (an unknown type, no event id). */
    public static IssueEvent read(Message message) throws JMSException {
        UUID id;
        try {
            id = UUID.fromString(message.getStringProperty(EVENT_ID));
        } catch (RuntimeException e) {
            return null;
        }
        return IssueEventType.fromWireName(message.getStringProperty(EVENT_TYPE))
                .map(type -> {
                    try {
                        return new IssueEvent(id, type, message.getStringProperty(ISSUE_ID),
                                message.getStringProperty(ORGANIZATION_ID), message.getStringProperty(TEAM_ID),
                                ((TextMessage) message).getText());
                    } catch (JMSException e) {
                        throw new IllegalStateException("Unreadable issue event message", e);
                    }
                }).orElse(null);
    }
}
