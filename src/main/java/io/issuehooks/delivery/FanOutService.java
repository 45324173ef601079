package io.issuehooks.delivery;

import io.issuehooks.client.IssueEventPublisher;
import io.issuehooks.client.IssueEventType;
import io.issuehooks.webhooks.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one issue event into one delivery per enabled webhook of its organisation that subscribes to the event
 * type and whose team is empty or the issue's, in the transaction that consumes the event. The first attempts to
 * healthy webhooks travel together (up to {@value #BATCH} in a message), which is what lets one server make
 * thousands of deliveries a second; a webhook that is failing gets messages of its own, so that its timeouts
 * hold back no one else.
 */
@ApplicationScoped
public class FanOutService {

    static final int BATCH = 50;

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryQueue queue;

    @Inject
    RetrySchedule schedule;

    @Transactional(Transactional.TxType.MANDATORY)
    public void fanOut(Message message) throws JMSException {
        UUID eventId = UUID.fromString(message.getStringProperty(IssueEventPublisher.EVENT_ID));
        Optional<UUID> organization = uuid(message.getStringProperty(IssueEventPublisher.ORGANIZATION_ID));
        Optional<IssueEventType> type = IssueEventType.fromWireName(message.getStringProperty(IssueEventPublisher.EVENT_TYPE));
        if (organization.isEmpty() || type.isEmpty() || store.eventExists(eventId)) {
            return; // no organisation of ours, or an event already fanned out
        }
        UUID team = uuid(message.getStringProperty(IssueEventPublisher.TEAM_ID)).orElse(null);
        List<DeliveryStore.Subscriber> targets = store.subscribers(organization.get()).stream()
                .filter(w -> Webhook.subscribes(w.events(), w.teamId(), type.get(), team)).toList();
        if (targets.isEmpty()) {
            return;
        }
        String issueId = message.getStringProperty(IssueEventPublisher.ISSUE_ID);
        String payload = ((TextMessage) message).getText();
        store.insertEvent(eventId, organization.get(), issueId, type.get().wireName(), payload);
        List<DeliveryMessage.Attempt> healthy = new ArrayList<>();
        List<DeliveryMessage> messages = new ArrayList<>();
        for (DeliveryStore.Subscriber webhook : targets) {
            DeliveryMessage.Attempt first = new DeliveryMessage.Attempt(UUID.randomUUID(), webhook.id(), 1, 0);
            if (webhook.failing()) {
                messages.add(DeliveryMessage.isolated(issueId, payload, first));
            } else {
                healthy.add(first);
            }
        }
        for (int i = 0; i < healthy.size(); i += BATCH) {
            messages.add(DeliveryMessage.batch(issueId, payload, healthy.subList(i, Math.min(healthy.size(), i + BATCH))));
        }
        Duration firstWait = schedule.delays().get(0);
        store.insertDeliveries(eventId, type.get().wireName(), messages, firstWait);
        queue.send(messages, firstWait);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
