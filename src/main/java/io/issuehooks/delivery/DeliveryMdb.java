package io.issuehooks.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.jboss.ejb3.annotation.Pool;

/**
 * Signs and sends the delivery attempts a message asks for (an event's first attempts to healthy webhooks, or a
 * single attempt), in a container-managed transaction that also records them and schedules the next ones. An
 * endpoint's failure is an outcome, recorded and retried on the schedule; anything else (the database down, an
 * undecryptable secret) is rethrown, so the transaction rolls back and the broker retries the message, and after
 * ten tries parks it on DeliveriesDLQ.
 */
@MessageDriven(name = "DeliveryMdb", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = DeliveryQueue.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${issuehooks.delivery.concurrency,env.ISSUEHOOKS_DELIVERY_CONCURRENCY:32}")})
@Pool("issuehooks-delivery")
public class DeliveryMdb implements MessageListener {

    @Inject
    DeliveryService deliveries;

    @Override
    public void onMessage(Message message) {
        deliveries.attempt(DeliveryMessage.read(message));
    }
}
