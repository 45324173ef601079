package io.issuehooks.delivery.store;

import io.issuehooks.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of the delivery log, always within one webhook (whose organisation the caller has been checked for). */
@ApplicationScoped
public class DeliveryLogReader {

    @PersistenceContext
    EntityManager em;

    public Optional<Delivery> find(UUID webhookId, UUID deliveryId) {
        return Optional.ofNullable(em.find(Delivery.class, deliveryId)).filter(d -> d.webhookId().equals(webhookId));
    }

    /** As {@link #find}, locked for the rest of the transaction, so two redeliveries cannot both requeue it. */
    public Optional<Delivery> findForUpdate(UUID webhookId, UUID deliveryId) {
        return Optional.ofNullable(em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE))
                .filter(d -> d.webhookId().equals(webhookId));
    }

    /** Newest first; status and event type filter when given. */
    public List<Delivery> list(UUID webhookId, DeliveryStatus status, String eventType, PageRequest page) {
        String jpql = "select d from Delivery d where d.webhookId = :webhook"
                + (status == null ? "" : " and d.status = :status")
                + (eventType == null ? "" : " and d.eventType = :type")
                + " and " + page.conditionNewestFirst("d") + " order by d.createdAt desc, d.id desc";
        var query = em.createQuery(jpql, Delivery.class).setParameter("webhook", webhookId);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (eventType != null) {
            query.setParameter("type", eventType);
        }
        return page.fetch(query);
    }

    /** Failed deliveries, and pending ones whose next attempt was due before {@code overdue}, created since. */
    public List<Delivery> failedOrOverdueSince(UUID webhookId, Instant since, Instant until, Instant overdue, int limit) {
        return em.createQuery("select d from Delivery d where d.webhookId = :webhook and d.createdAt >= :since "
                        + "and d.createdAt < :until "
                        + "and (d.status in (:failed, :skipped) or (d.status = :pending and d.nextAttemptAt < :overdue)) "
                        + "order by d.createdAt, d.id", Delivery.class)
                .setParameter("webhook", webhookId).setParameter("since", since).setParameter("until", until)
                .setParameter("failed", DeliveryStatus.FAILED).setParameter("skipped", DeliveryStatus.SKIPPED)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("overdue", overdue).setMaxResults(limit).getResultList();
    }

    /** Each delivery's attempts, in order; every id gets a list, if only an empty one. */
    public Map<UUID, List<DeliveryAttempt>> attempts(List<UUID> deliveryIds) {
        Map<UUID, List<DeliveryAttempt>> result = new HashMap<>();
        deliveryIds.forEach(id -> result.put(id, new ArrayList<>()));
        if (!deliveryIds.isEmpty()) {
            em.createQuery("select a from DeliveryAttempt a where a.deliveryId in :ids order by a.number", DeliveryAttempt.class)
                    .setParameter("ids", deliveryIds).getResultStream().forEach(a -> result.get(a.deliveryId()).add(a));
        }
        return result;
    }

    public IssueEventRecord event(UUID eventId) {
        return em.find(IssueEventRecord.class, eventId);
    }
}
