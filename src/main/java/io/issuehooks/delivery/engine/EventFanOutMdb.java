package io.issuehooks.delivery.engine;

import io.issuehooks.contract.IssueEvent;
import io.issuehooks.contract.IssueEventMessage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.jboss.ejb3.annotation.Pool;

/**
 * Consumes the issue events other deployments publish with the client jar and fans them out into deliveries, in
 * a container-managed transaction with the consumption. (Issuehooks' own issues do not pass through this queue:
 * their changes fan out in the transaction that makes them.) Any failure is rethrown: the transaction rolls back
 * and the broker redelivers the event (and after ten tries parks it on IssueEventsDLQ), so no event is lost to an
 * exception. A message that is not an issue event is dropped.
 */
@MessageDriven(name = "EventFanOutMdb", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = IssueEventMessage.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${issuehooks.fanout.concurrency,env.ISSUEHOOKS_FANOUT_CONCURRENCY,issuehooks.default.fanout.concurrency}")})
@Pool("issuehooks-fanout")
public class EventFanOutMdb implements MessageListener {

    @Inject
    FanOutService fanOut;

    @Override
    public void onMessage(Message message) {
        try {
            IssueEvent event = IssueEventMessage.read(message);
            if (event != null) {
                fanOut.publishOnce(event);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read issue event message", e);
        }
    }
}
