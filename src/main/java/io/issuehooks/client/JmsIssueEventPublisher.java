package io.issuehooks.client;

import io.issuehooks.contract.IssueEvent;
import io.issuehooks.contract.IssueEventMessage;
import io.issuehooks.contract.IssueEventPublisher;
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
 * share a JMS group ({@link IssueEvent#group}), so they are fanned out one after another, in order; the message's form
 * is the contract's ({@link IssueEventMessage}), which the server reads.
 */
@ApplicationScoped
public class JmsIssueEventPublisher implements IssueEventPublisher {

    // A context of its own per call rather than an injected JMSContext: the injected one resolves its
    // transaction-scoped delegate on every method call, which cost more than the sends themselves.
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;

    @Resource(lookup = IssueEventMessage.QUEUE)
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
                IssueEventMessage.write(event, message);
                producer.send(queue, message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot publish issue events", e);
        }
    }
}
