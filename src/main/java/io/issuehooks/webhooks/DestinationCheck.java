package io.issuehooks.webhooks;

/** Refuses, when a webhook is saved, a URL whose host is an address deliveries would never be sent to. */
public interface DestinationCheck {

    /** Throws a 400 {@link io.issuehooks.platform.ApiException} naming the {@code url} field. */
    void checkUrl(String url);
}
