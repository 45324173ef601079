package io.issuehooks.startup;

import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.issues.Issue;
import io.issuehooks.issues.IssueChangeRecorder;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.tenancy.Organization;
import io.issuehooks.webhooks.Webhook;
import io.issuehooks.webhooks.WebhookInput;
import io.issuehooks.webhooks.WebhookSecrets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.UUID;

/**
 * The warm-up's change: an organisation, a webhook and an issue created in one transaction, so that everything
 * a real change runs before its commit runs too (the entity listener, the recorder and its history, the payload,
 * the event and delivery rows, the delivery message's outbox row), and then rolled
 * back, unconditionally: no row, event, message or metric of it is ever committed.
 */
@ApplicationScoped
public class RolledBackChange {

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Inject
    SecretCipher cipher;

    @Inject
    IssueChangeRecorder recorder;

    public void makeAndRollBack() throws Exception {
        transaction.begin();
        try {
            Organization organization = new Organization("warm-up");
            em.persist(organization);
            UUID webhookId = UUID.randomUUID();
            em.persist(new Webhook(webhookId, organization.id(), new WebhookInput("warm-up", "https://warm-up.invalid/",
                    List.of("issue.created"), null, true, null, null, null, DestinationFormat.PROMPTFOO),
                    cipher.encrypt(WebhookSecrets.generate(), webhookId)));
            em.persist(new Issue(organization.id(), null, "warm-up", "open", "high"));
            // What the commit would run first; rolling back runs no before-completion observer.
            recorder.recordNow();
        } finally {
            transaction.rollback();
        }
    }
}
