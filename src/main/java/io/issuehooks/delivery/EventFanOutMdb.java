package io.issuehooks.delivery;

import io.issuehooks.client.IssueEventPublisher;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.jboss.ejb3.annotation.Pool;

/**
 * Consumes issue events and fans them out into deliveries, in a container-managed transaction with the
 * consumption. Any failure is rethrown: the transaction rolls back and the broker redelivers the event (and
 * after ten tries parks it on IssueEventsDLQ), so no event is lost to an exception.
 */
@MessageDriven(name = "EventFanOutMdb", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = IssueEventPublisher.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${issuehooks.fanout.concurrency,env.ISSUEHOOKS_FANOUT_CONCURRENCY:8}")})
@Pool("issuehooks-fanout")
public class EventFanOutMdb implements MessageListener {

    @Inject
    FanOutService fanOut;

    @Override
    public void onMessage(Message message) {
        try {
            fanOut.fanOut(message);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read issue event message", e);
        }
    }
}
