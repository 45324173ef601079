package io.issuehooks.delivery.engine;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.jboss.ejb3.annotation.Pool;

/**
 * Signs and sends the delivery attempts a message asks for (an event's first attempts to healthy webhooks, or a
 * single attempt), records them and queues the next ones. No transaction: the message is acknowledged when
 * onMessage returns, after the outcomes are committed to the database, which is the truth ({@link OutcomeRecorder}
 * explains why the order makes this safe). An endpoint's failure is an outcome, recorded and retried on the
 * schedule; anything else (the database down, an undecryptable secret) is rethrown, so the broker hands the
 * message out again after its redelivery delay, and after ten tries parks it on DeliveriesDLQ.
 */
@MessageDriven(name = "DeliveryMdb", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = DeliveryQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${issuehooks.delivery.concurrency,env.ISSUEHOOKS_DELIVERY_CONCURRENCY,issuehooks.default.delivery.concurrency}")})
@Pool("issuehooks-delivery")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryMdb implements MessageListener {

    @Inject
    DeliveryService deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.attempt(DeliveryMessage.read(message), queuedAt(message), DeliveryMessage.inOutbox(message));
    }

    /** When the event committed (first attempts, relayed from the outbox), or else when the message was sent. */
    private static long queuedAt(Message message) {
        try {
            return message.propertyExists(DeliveryMessage.COMMITTED_AT) ? message.getLongProperty(DeliveryMessage.COMMITTED_AT)
                    : message.getJMSTimestamp();
        } catch (jakarta.jms.JMSException e) {
            return 0;
        }
    }
}
