package io.issuehooks.client;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;

/**
 * Sends issue events to the persistent IssueEvents queue through the XA connection factory, so that, called
 * inside a JTA transaction, the messages exist if and only if that transaction commits. Messages of one issue
 * share a JMS group, so they are fanned out one after another, in order.
 */
@ApplicationScoped
public class IssueEventPublisher {

    public static final String QUEUE = "java:/jms/queue/IssueEvents";
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String ISSUE_ID = "issueId";
    public static final String ORGANIZATION_ID = "organizationId";
    public static final String TEAM_ID = "teamId";

    // A context of its own per call rather than an injected JMSContext: the injected one resolves its
    // transaction-scoped delegate on every method call, which cost more than the sends themselves.
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;

    @Resource(lookup = QUEUE)
    Queue queue;

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
                message.setStringProperty("JMSXGroupID", event.issueId());
                producer.send(queue, message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot publish issue events", e);
        }
    }
}
