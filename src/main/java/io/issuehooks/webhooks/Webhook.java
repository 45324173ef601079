package io.issuehooks.webhooks;

import io.issuehooks.formats.DestinationFormat;
import io.issuehooks.platform.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A subscription. Its secrets are held only as ciphertexts (see {@link io.issuehooks.security.SecretCipher});
 * after a rotation the previous one keeps signing, beside the new one, until {@code previousSecretExpiresAt}.
 */
@Entity
public class Webhook {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String events;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private String secret;

    @Column(name = "previous_secret")
    private String previousSecret;

    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;

    @Column(name = "disabled_reason")
    private String disabledReason;

    @Column(name = "failing_since")
    private Instant failingSince;

    @Column(name = "rate_limit")
    private Integer rateLimit;

    /** The filter as canonical JSON ({@link WebhookFilter}), null for none. */
    @Column(name = "event_filter")
    private String filter;

    /** The names of the custom headers, comma-separated (not secret: the masked view shows them). */
    @Column(name = "header_names")
    private String headerNames;

    /** The custom headers as JSON, encrypted under the server key ({@link WebhookHeaders}). */
    @Column(name = "custom_headers")
    private String customHeaders;

    /** {@link DestinationFormat#wireName()}; null: the default, promptfoo. */
    @Column(name = "destination_format")
    private String format;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Webhook() {
    }

    public Webhook(UUID id, UUID organizationId, WebhookInput input, String encryptedSecret) {
        this.id = id;
        this.organizationId = organizationId;
        this.secret = encryptedSecret;
        apply(input);
        this.createdAt = updatedAt;
    }

    /** Replaces every settable attribute. Enabling a disabled webhook clears why it was disabled. */
    public void apply(WebhookInput input) {
        this.name = input.name();
        this.url = input.url();
        this.events = String.join(",", input.events());
        this.teamId = input.teamId();
        this.rateLimit = input.rateLimit();
        this.filter = input.filter() == null ? null : input.filter().toJson().toString();
        this.format = input.format() == DestinationFormat.PROMPTFOO ? null : input.format().wireName();
        if (input.enabled() && !enabled) {
            disabledReason = null;
            failingSince = null;
        }
        this.enabled = input.enabled();
        this.updatedAt = Times.now();
    }

    public void rotateSecret(String encryptedSecret, Instant previousValidUntil) {
        this.previousSecret = this.secret;
        this.previousSecretExpiresAt = previousValidUntil;
        this.secret = encryptedSecret;
        this.updatedAt = Times.now();
    }

    /**
     * Whether a webhook with these stored {@code events} and team subscribes to an event of this type about an
     * issue of this team (null: none). Fan-out reads the two columns without loading webhooks.
     */
    public static boolean subscribes(String events, UUID webhookTeamId, String type, UUID issueTeamId) {
        return (webhookTeamId == null || webhookTeamId.equals(issueTeamId))
                && Arrays.asList(events.split(",")).contains(type);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID teamId() {
        return teamId;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public List<String> events() {
        return List.of(events.split(","));
    }

    public boolean enabled() {
        return enabled;
    }

    /** Requests per second this webhook may receive from each node, or null for no limit. */
    /** Sets the custom headers: their names, and all of them encrypted (null when there are none). */
    void headers(java.util.Set<String> names, String encrypted) {
        this.headerNames = names.isEmpty() ? null : String.join(",", names);
        this.customHeaders = names.isEmpty() ? null : encrypted;
    }

    public java.util.List<String> headerNames() {
        return headerNames == null ? java.util.List.of() : java.util.List.of(headerNames.split(","));
    }

    public String encryptedHeaders() {
        return customHeaders;
    }

    public WebhookFilter filter() {
        return WebhookFilter.stored(filter);
    }

    public Integer rateLimit() {
        return rateLimit;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public String disabledReason() {
        return disabledReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The settable attributes, with the custom headers as decrypted by the caller. */
    public WebhookInput input(java.util.Map<String, String> headers) {
        return new WebhookInput(name, url, events(), teamId, enabled, rateLimit, filter(), headers, format());
    }

    public DestinationFormat format() {
        return DestinationFormat.stored(format);
    }
}
