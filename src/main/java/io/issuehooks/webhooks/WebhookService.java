package io.issuehooks.webhooks;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.platform.RequestValidation;
import io.issuehooks.platform.Times;
import io.issuehooks.security.Caller;
import io.issuehooks.security.SecretCipher;
import io.issuehooks.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/** Managing webhooks, one use case a method, each in its own transaction; all need an organisation admin key. */
@ApplicationScoped
@Transactional
public class WebhookService {

    @Inject
    WebhookRepository repository;

    @Inject
    TenancyRepository tenancy;

    @Inject
    Caller caller;

    @Inject
    SecretCipher cipher;

    @Inject
    WebhookSettings settings;

    @Inject
    DestinationCheck destinations;

    @Inject
    RequestValidation validation;

    /** A webhook with its secret in plain text: only the responses to create and regenerate-secret carry one. */
    public record WithSecret(Webhook webhook, String secret, Map<String, String> headers) {
    }

    public WithSecret create(WebhookInput input) {
        caller.requireOrganizationAdmin();
        check(input);
        UUID id = UUID.randomUUID();
        String secret = WebhookSecrets.generate();
        Webhook webhook = new Webhook(id, caller.organizationId(), input, cipher.encrypt(secret, id));
        setHeaders(webhook, input);
        repository.add(webhook);
        return new WithSecret(webhook, secret, input.headers());
    }

    public Webhook replace(UUID id, WebhookInput input) {
        Webhook webhook = load(id);
        check(input);
        webhook.apply(input);
        setHeaders(webhook, input);
        return webhook;
    }

    public Webhook patch(UUID id, JsonRequest patch) {
        Webhook webhook = load(id);
        WebhookInput merged = webhook.input(headers(webhook)).merge(patch);
        check(merged);
        webhook.apply(merged);
        setHeaders(webhook, merged);
        return webhook;
    }

    /** A webhook's custom headers in plain text: for sending, and for merging a patch. */
    public Map<String, String> headers(Webhook webhook) {
        return webhook.encryptedHeaders() == null ? Map.of() : WebhookHeaders.read(cipher.decrypt(webhook.encryptedHeaders(), webhook.id()));
    }

    private void setHeaders(Webhook webhook, WebhookInput input) {
        webhook.headers(input.headers().keySet(), input.headers().isEmpty() ? null
                : cipher.encrypt(WebhookHeaders.toJson(input.headers(), false).toString(), webhook.id()));
    }

    public void delete(UUID id) {
        repository.remove(load(id));
    }

    /** A new secret signs from now on; the old one still signs webhook-signature during the grace period. */
    public WithSecret regenerateSecret(UUID id) {
        Webhook webhook = load(id);
        String secret = WebhookSecrets.generate();
        webhook.rotateSecret(cipher.encrypt(secret, id), Times.now().plus(settings.rotationGrace()));
        return new WithSecret(webhook, secret, null);
    }

    private Webhook load(UUID id) {
        caller.requireOrganizationAdmin();
        return repository.findForUpdate(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("webhook", id));
    }

    private void check(WebhookInput input) {
        validation.check(input);
        if (input.teamId() != null && tenancy.team(caller.organizationId(), input.teamId()).isEmpty()) {
            throw ApiException.invalid("teamId", "no team with id " + input.teamId() + " in this organisation");
        }
        destinations.checkUrl(input.url());
    }
}
