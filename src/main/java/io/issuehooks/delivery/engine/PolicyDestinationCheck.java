package io.issuehooks.delivery.engine;

import io.issuehooks.outbound.DestinationPolicy;
import io.issuehooks.platform.ApiException;
import io.issuehooks.webhooks.DestinationCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Refuses a webhook URL whose host is a literal address (or localhost) that deliveries may not reach. Host
 * names are judged where it counts, on the address each delivery actually connects to.
 */
@ApplicationScoped
public class PolicyDestinationCheck implements DestinationCheck {

    @Inject
    DestinationPolicy policy;

    @Override
    public void checkUrl(String url) {
        String host = URI.create(url).getHost();
        policy.refusalForLiteralHost(host).ifPresent(reason -> {
            throw ApiException.invalid("url", "deliveries may not go to this address: " + reason
                    + " (ISSUEHOOKS_ALLOWED_NETWORKS can allow it)");
        });
    }
}
