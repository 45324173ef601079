package io.issuehooks.delivery;

import io.issuehooks.client.IssueEventPublisher;
import io.issuehooks.client.IssueEventType;
import io.issuehooks.platform.Times;
import io.issuehooks.webhooks.Webhook;
import io.issuehooks.webhooks.WebhookRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one issue event into one delivery per enabled webhook of its organisation that subscribes to the event
 * type and whose team is empty or the issue's, in the transaction that consumes the event.
 */
@ApplicationScoped
public class FanOutService {

    @Inject
    WebhookRepository webhooks;

    @Inject
    DeliveryQueue queue;

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void fanOut(Message message) throws JMSException {
        UUID eventId = UUID.fromString(message.getStringProperty(IssueEventPublisher.EVENT_ID));
        Optional<UUID> organization = uuid(message.getStringProperty(IssueEventPublisher.ORGANIZATION_ID));
        Optional<IssueEventType> type = IssueEventType.fromWireName(message.getStringProperty(IssueEventPublisher.EVENT_TYPE));
        if (organization.isEmpty() || type.isEmpty() || em.find(IssueEventRecord.class, eventId) != null) {
            return; // no organisation of ours, or an event already fanned out
        }
        UUID team = uuid(message.getStringProperty(IssueEventPublisher.TEAM_ID)).orElse(null);
        List<Webhook> targets = webhooks.enabled(organization.get()).stream().filter(w -> w.wants(type.get(), team)).toList();
        if (targets.isEmpty()) {
            return;
        }
        String issueId = message.getStringProperty(IssueEventPublisher.ISSUE_ID);
        String payload = ((TextMessage) message).getText();
        em.persist(new IssueEventRecord(eventId, organization.get(), issueId, type.get().wireName(), payload, Times.now()));
        for (Webhook webhook : targets) {
            Delivery delivery = new Delivery(webhook.id(), eventId, type.get().wireName());
            em.persist(delivery);
            queue.first(new DeliveryMessage(delivery.id(), webhook.id(), 1, 0, issueId, payload));
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
