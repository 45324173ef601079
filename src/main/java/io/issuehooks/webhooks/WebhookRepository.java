package io.issuehooks.webhooks;

import io.issuehooks.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookRepository {

    @PersistenceContext
    EntityManager em;

    public void add(Webhook webhook) {
        em.persist(webhook);
    }

    public void remove(Webhook webhook) {
        em.remove(webhook);
    }

    /** The webhook if it exists in this organisation: another organisation's looks exactly like a missing one. */
    public Optional<Webhook> find(UUID organizationId, UUID id) {
        return Optional.ofNullable(em.find(Webhook.class, id)).filter(w -> w.organizationId().equals(organizationId));
    }

    /** As {@link #find}, locked for the rest of the transaction so that concurrent changes apply one after another. */
    public Optional<Webhook> findForUpdate(UUID organizationId, UUID id) {
        return Optional.ofNullable(em.find(Webhook.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(w -> w.organizationId().equals(organizationId));
    }

    public List<Webhook> list(UUID organizationId, UUID teamId, PageRequest page) {
        String team = teamId == null ? "" : " and w.teamId = :team";
        var query = em.createQuery("select w from Webhook w where w.organizationId = :org" + team + " and "
                + page.condition("w") + " order by w.createdAt, w.id", Webhook.class).setParameter("org", organizationId);
        if (teamId != null) {
            query.setParameter("team", teamId);
        }
        return page.fetch(query);
    }
}
