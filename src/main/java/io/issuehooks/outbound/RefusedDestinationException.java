package io.issuehooks.outbound;

import java.net.UnknownHostException;

/**
 * The destination resolved only to addresses the {@link DestinationPolicy} refuses. An
 * {@link UnknownHostException} so that HttpClient and any retry logic treat it like a name that does not
 * resolve: final for this attempt, never retried against another address of the same refusal.
 */
public class RefusedDestinationException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final String reason;

    public RefusedDestinationException(String host, String reason) {
        super("refused destination " + host + ": " + reason);
        this.host = host;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public String reason() {
        return reason;
    }
}
