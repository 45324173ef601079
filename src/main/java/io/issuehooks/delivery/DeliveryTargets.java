package io.issuehooks.delivery;

import io.issuehooks.platform.Times;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.webhooks.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what an attempt needs, outside the delivery's transaction: the database connection goes back to the
 * pool at once instead of being held through an HTTP request of up to ten seconds.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DeliveryTargets {

    /** A delivery's state and its webhook's, with the secrets that sign it in plain text. */
    public record Target(DeliveryStatus status, int attempts, UUID webhookId, String url, boolean enabled,
            String disabledReason, String secret, String previousSecret) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    public Optional<Target> load(UUID deliveryId) {
        List<Object[]> rows = em.createQuery("select d.status, d.attempts, w from Delivery d, Webhook w "
                + "where d.id = :id and w.id = d.webhookId", Object[].class).setParameter("id", deliveryId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Webhook w = (Webhook) rows.get(0)[2];
        return Optional.of(new Target((DeliveryStatus) rows.get(0)[0], (Integer) rows.get(0)[1], w.id(), w.url(),
                w.enabled(), w.disabledReason(), secret(w), previousSecret(w)));
    }

    public boolean webhookExists(UUID webhookId) {
        return em.find(Webhook.class, webhookId) != null;
    }

    public String secret(Webhook w) {
        return cipher.decrypt(w.encryptedSecret(), w.id());
    }

    /** The secret before the last rotation, while its grace period lasts; else null. */
    public String previousSecret(Webhook w) {
        if (w.encryptedPreviousSecret() == null || w.previousSecretExpiresAt() == null
                || !w.previousSecretExpiresAt().isAfter(Times.now())) {
            return null;
        }
        return cipher.decrypt(w.encryptedPreviousSecret(), w.id());
    }
}
