package io.issuehooks.delivery.engine;

import io.issuehooks.contract.IssueEvent;
import io.issuehooks.contract.IssueEventPublisher;
import io.issuehooks.delivery.store.DeliveryReader;
import io.issuehooks.delivery.store.DeliveryWriter;
import io.issuehooks.delivery.store.PlannedAttempt;
import io.issuehooks.webhooks.Webhook;
import io.issuehooks.webhooks.WebhookFilter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns issue events into one delivery per enabled webhook of their organisation that subscribes to the event
 * type and whose team is empty or the issue's, and writes the messages of the first attempts to the deliveries' outbox,
 * all in the caller's transaction; the relay queues them once it has committed ({@link DeliveryRelay}).
 *
 * <p>Inside Issuehooks this is where a transaction's events go ({@link IssueEventPublisher}, chosen over the
 * client jar's queue by {@code @Alternative @Priority}): the transaction that changes an issue also writes its
 * deliveries and their attempts' messages, so an event costs no transaction of its own, and the API's transaction
 * commits in the database alone. Events other deployments
 * publish through the client jar arrive on the IssueEvents queue and come here through {@link EventFanOutMdb}.
 *
 * <p>The first attempts to healthy webhooks travel together (up to {@value FirstAttempts#BATCH} in a message); a
 * webhook that is failing, or on this node paused, at its concurrency limit or slow ({@link WebhookLanes}), gets
 * messages of its own, so that it holds back no one else ({@link FirstAttempts} splits them).
 *
 * <p>Operational events (a webhook failing or disabled, a delivery exhausted) are routed the same way, by type and
 * team, with two differences: a webhook's filter does not apply to them (filters select issues), and the webhook
 * an event is about never receives it.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class FanOutService implements IssueEventPublisher {

    @Inject
    DeliveryReader reader;

    @Inject
    DeliveryWriter writer;

    @Inject
    FirstAttemptOutbox outbox;

    @Inject
    RetrySchedule schedule;

    @Inject
    WebhookLanes lanes;

    @Inject
    DeliveryMetrics metrics;

    /**
     * An event as fan-out routes it: an issue event, or an operational event ({@code about}: the webhook it is
     * about, which never receives it). Messages are ordered by the issue, or by the webhook an event without an
     * issue is about.
     */
    record Routed(UUID id, String type, String issueId, UUID teamId, String payload, UUID about) {

        String orderKey() {
            return issueId != null ? issueId : about.toString();
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(List<IssueEvent> events) {
        Map<UUID, List<DeliveryReader.Subscriber>> webhooks = new HashMap<>();
        List<DeliveryMessage> messages = new ArrayList<>();
        List<String> published = new ArrayList<>();
        for (IssueEvent event : events) {
            Optional<UUID> organization = uuid(event.organizationId());
            if (organization.isPresent()) {
                UUID team = uuid(event.teamId()).orElse(null);
                // Recorded whether or not a webhook receives it: the event feed (GET /api/v1/events) lists every event.
                writer.insertEvent(event.id(), organization.get(), team, event.issueId(), event.type().wireName(), event.payload());
                published.add(event.type().wireName());
                Routed routed = new Routed(event.id(), event.type().wireName(), event.issueId(), team, event.payload(), null);
                messages.addAll(route(routed, webhooks.computeIfAbsent(organization.get(), reader::subscribers)));
            }
        }
        outbox.add(messages);
        metrics.publishedOnCommit(published);
    }

    /** An event from the IssueEvents queue: fanned out unless a copy of it already was (a redelivered message). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishOnce(IssueEvent event) {
        if (!reader.eventExists(event.id())) {
            publish(List.of(event));
        }
    }

    /** An operational event, already recorded when it was raised ({@link PendingFanOutService}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishOperational(Routed event, UUID organizationId) {
        outbox.add(route(event, reader.subscribers(organizationId)));
        metrics.publishedOnCommit(List.of(event.type()));
    }

    /** Records the event's deliveries; answers the messages of their first attempts. */
    private List<DeliveryMessage> route(Routed event, List<DeliveryReader.Subscriber> webhooks) {
        List<DeliveryReader.Subscriber> targets = new ArrayList<>();
        WebhookFilter.Facts facts = null; // read from the payload once, and only if a webhook has a filter
        for (DeliveryReader.Subscriber w : webhooks) {
            if (!Webhook.subscribes(w.events(), w.teamId(), event.type(), event.teamId()) || w.id().equals(event.about())) {
                continue;
            }
            if (w.filter() != null && event.about() == null) { // filters select issues: operational events pass
                facts = facts == null ? WebhookFilter.Facts.of(event.payload()) : facts;
                if (!WebhookFilter.stored(w.filter()).matches(facts)) {
                    continue;
                }
            }
            targets.add(w);
        }
        if (targets.isEmpty()) {
            return List.of();
        }
        long now = System.nanoTime();
        FirstAttempts.Split split = FirstAttempts.split(event.id(), event.orderKey(), event.payload(), targets,
                id -> lanes.congested(id, now));
        List<DeliveryMessage> messages = split.messages();
        List<PlannedAttempt> skipped = split.skipped();
        Duration firstWait = schedule.delays().get(0);
        writer.insertDeliveries(event.id(), event.type(), messages.stream().flatMap(m -> m.attempts().stream()).toList(), firstWait);
        if (!skipped.isEmpty()) {
            writer.insertSkipped(event.id(), event.type(), skipped);
        }
        return messages;
    }

    private static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
