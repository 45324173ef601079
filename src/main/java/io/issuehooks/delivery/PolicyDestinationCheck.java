package io.issuehooks.delivery;

import io.issuehooks.webhooks.DestinationCheck;
import jakarta.enterprise.context.ApplicationScoped;

/** TEMPORARY until DestinationPolicy lands. */
@ApplicationScoped
public class PolicyDestinationCheck implements DestinationCheck {
    @Override
    public void checkUrl(String url) {
    }
}
